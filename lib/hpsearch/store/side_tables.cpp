#include "hpsearch/store/side_tables.hpp"

#include "hpsearch/store/h5_error.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace hpsearch::h5 {

namespace {

const std::string kBuilding = "cannot build the checkpoint's table types";

Handle fixed_string() {
  Handle type = Handle::checked(H5Tcopy(H5T_C_S1), datatype, kBuilding);
  check(H5Tset_size(type.get(), schema::kHostSize), kBuilding);
  check(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), kBuilding);
  return type;
}

template <std::size_t N> void copy_text(char (&dst)[N], const std::string& src) {
  std::memset(dst, 0, N);
  std::memcpy(dst, src.data(), std::min(src.size(), N));
}

template <std::size_t N> std::string text_of(const char (&src)[N]) {
  return std::string(src, strnlen(src, N));
}

} // namespace

Handle allocation_type() {
  Handle t = Handle::checked(H5Tcreate(H5T_COMPOUND, sizeof(AllocationRow)), datatype, kBuilding);
  const Handle text = fixed_string();
  namespace s = schema;
  check(H5Tinsert(t.get(), s::kAllocStart, offsetof(AllocationRow, start), H5T_NATIVE_DOUBLE),
        kBuilding);
  check(H5Tinsert(t.get(), s::kAllocEnd, offsetof(AllocationRow, end), H5T_NATIVE_DOUBLE),
        kBuilding);
  check(H5Tinsert(t.get(), s::kAllocRanks, offsetof(AllocationRow, ranks), H5T_NATIVE_INT32),
        kBuilding);
  check(H5Tinsert(t.get(), s::kAllocPid, offsetof(AllocationRow, pid), H5T_NATIVE_INT64),
        kBuilding);
  check(H5Tinsert(t.get(), s::kAllocJobId, offsetof(AllocationRow, job_id), text.get()), kBuilding);
  check(H5Tinsert(t.get(), s::kAllocHost, offsetof(AllocationRow, host), text.get()), kBuilding);
  check(H5Tinsert(t.get(), s::kAllocExitReason, offsetof(AllocationRow, exit_reason), text.get()),
        kBuilding);
  return t;
}

Handle curve_type() {
  Handle t = Handle::checked(H5Tcreate(H5T_COMPOUND, sizeof(CurvePoint)), datatype, kBuilding);
  check(H5Tinsert(t.get(), schema::kCurveEvalId, offsetof(CurvePoint, eval_id), H5T_NATIVE_INT64),
        kBuilding);
  check(H5Tinsert(t.get(), schema::kCurveStep, offsetof(CurvePoint, step), H5T_NATIVE_DOUBLE),
        kBuilding);
  check(H5Tinsert(t.get(), schema::kCurveValue, offsetof(CurvePoint, value), H5T_NATIVE_DOUBLE),
        kBuilding);
  return t;
}

AllocationRow to_row(const Allocation& a) {
  AllocationRow row{};
  row.start = a.start;
  row.end = a.end;
  row.ranks = a.ranks;
  row.pid = a.pid;
  copy_text(row.job_id, a.job_id);
  copy_text(row.host, a.host);
  copy_text(row.exit_reason, a.exit_reason);
  return row;
}

Allocation from_row(const AllocationRow& row) {
  Allocation a;
  a.start = row.start;
  a.end = row.end;
  a.ranks = row.ranks;
  a.pid = row.pid;
  a.job_id = text_of(row.job_id);
  a.host = text_of(row.host);
  a.exit_reason = text_of(row.exit_reason);
  return a;
}

} // namespace hpsearch::h5
