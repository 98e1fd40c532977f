#include "hpsearch/store/job_log.hpp"

#include "hpsearch/core/fnv1a.hpp"
#include "hpsearch/store/byte_dataset.hpp"
#include "hpsearch/store/h5_error.hpp"
#include "hpsearch/store/schema.hpp"

namespace hpsearch::h5 {

JobLogRef JobLogs::append(std::string_view records) {
  if (!started_) return restart(records);
  write(ref_.index, ref_.length, records);
  ref_.length += records.size();
  ref_.checksum = fnv1a64(records, ref_.checksum);
  return ref_;
}

JobLogRef JobLogs::restart(std::string_view records) {
  const int index = ref_.index == 0 ? 1 : 0;
  write(index, 0, records);
  ref_ = JobLogRef{index, records.size(), fnv1a64(records)};
  started_ = true;
  return ref_;
}

void JobLogs::write(int index, std::uint64_t offset, std::string_view bytes) {
  const std::string what =
      "cannot write /" + std::string(schema::kJobLogs[index]) + " of checkpoint '" + path_ + "'";
  auto i = static_cast<std::size_t>(index);
  if (!logs_[i].valid()) {
    const char* name = schema::kJobLogs[index];
    const htri_t exists = H5Lexists(file_, name, H5P_DEFAULT);
    if (exists < 0) fail(what);
    if (exists > 0) {
      logs_[i] = Handle::checked(H5Dopen2(file_, name, H5P_DEFAULT), dataset, what);
      extent_[i] = byte_extent(logs_[i].get(), what);
    } else {
      logs_[i] = create_byte_dataset(file_, name, schema::kJobLogChunk, what);
      extent_[i] = 0;
    }
  }
  write_bytes(logs_[i].get(), offset, bytes, extent_[i], schema::kJobLogChunk, what);
}

std::optional<std::string> read_job_log(hid_t file_id, const JobLogRef& ref,
                                        const std::string& path) {
  if (ref.index != 0 && ref.index != 1) return std::nullopt;
  const char* name = schema::kJobLogs[ref.index];
  const std::string what = "cannot read /" + std::string(name) + " of checkpoint '" + path + "'";
  const htri_t exists = H5Lexists(file_id, name, H5P_DEFAULT);
  if (exists < 0) fail(what);
  if (exists == 0) return std::nullopt;
  Handle log = Handle::checked(H5Dopen2(file_id, name, H5P_DEFAULT), dataset, what);
  if (byte_extent(log.get(), what) < ref.length) return std::nullopt;
  std::string bytes(ref.length, '\0');
  read_bytes(log.get(), 0, ref.length, bytes.data(), what);
  if (fnv1a64(bytes) != ref.checksum) return std::nullopt;
  return bytes;
}

} // namespace hpsearch::h5
