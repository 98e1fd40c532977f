#include "hpsearch/store/state_slots.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/core/fnv1a.hpp"
#include "hpsearch/store/byte_dataset.hpp"
#include "hpsearch/store/h5_error.hpp"
#include "hpsearch/store/schema.hpp"

#include <algorithm>
#include <cstring>

namespace hpsearch::h5 {

namespace {

void put_u64(char* out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

std::uint64_t get_u64(const char* in) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(in[i]);
  return v;
}

enum class Slot { empty, damaged, valid };

Slot read_slot(hid_t file_id, const char* name, SlotPayload& out, const std::string& path) {
  const std::string what = "cannot read /" + std::string(name) + " of checkpoint '" + path + "'";
  Handle slot = Handle::checked(H5Dopen2(file_id, name, H5P_DEFAULT), dataset, what);
  const hsize_t extent = byte_extent(slot.get(), what);
  if (extent < schema::kStateHeaderSize) return Slot::empty;
  char header[schema::kStateHeaderSize];
  read_bytes(slot.get(), 0, schema::kStateHeaderSize, header, what);
  if (std::all_of(header, header + sizeof header, [](char c) { return c == 0; })) {
    return Slot::empty;
  }
  if (std::memcmp(header, schema::kStateMagic, sizeof schema::kStateMagic) != 0) {
    return Slot::damaged;
  }
  const std::uint64_t length = get_u64(header + 16);
  if (length > extent - schema::kStateHeaderSize) return Slot::damaged;
  std::string text(length, '\0');
  read_bytes(slot.get(), schema::kStateHeaderSize, length, text.data(), what);
  if (fnv1a64(text) != get_u64(header + 24)) return Slot::damaged;
  out.sequence = get_u64(header + 8);
  out.text = std::move(text);
  return Slot::valid;
}

/// Reads both slots of `names` into `out`; returns how many were damaged.
int read_both(hid_t file_id, const char* const (&names)[2], SlotPayload (&out)[2], Slot (&kind)[2],
              const std::string& path) {
  int damaged = 0;
  for (int i = 0; i < 2; ++i) {
    const htri_t exists = H5Lexists(file_id, names[i], H5P_DEFAULT);
    if (exists <= 0)
      throw Error::input("checkpoint '" + path + "' has no /" + std::string(names[i]));
    kind[i] = read_slot(file_id, names[i], out[i], path);
    damaged += kind[i] == Slot::damaged ? 1 : 0;
  }
  return damaged;
}

} // namespace

SlotPair SlotPair::create(hid_t file_id, const char* const (&names)[2], const std::string& path) {
  const std::string what = "cannot create /state in checkpoint '" + path + "'";
  SlotPair s;
  s.path_ = path;
  for (int i = 0; i < 2; ++i) {
    s.slots_[i] = create_byte_dataset(file_id, names[i], schema::kStateChunk, what);
  }
  return s;
}

SlotPair SlotPair::open(hid_t file_id, const char* const (&names)[2], const std::string& path) {
  const std::string what = "cannot open /state in checkpoint '" + path + "'";
  SlotPair s;
  s.path_ = path;
  for (int i = 0; i < 2; ++i) {
    s.slots_[i] = Handle::checked(H5Dopen2(file_id, names[i], H5P_DEFAULT), dataset,
                                  what + " (damaged or unreadable)");
    s.extent_[i] = byte_extent(s.slots_[i].get(), what);
  }
  SlotPayload payloads[2];
  Slot kinds[2];
  read_both(file_id, names, payloads, kinds, path);
  for (int i = 0; i < 2; ++i) {
    if (kinds[i] == Slot::valid) s.sequence_ = std::max(s.sequence_, payloads[i].sequence);
  }
  return s;
}

std::uint64_t SlotPair::write(std::string_view payload) {
  const std::string what = "cannot write /state of checkpoint '" + path_ + "'";
  const std::uint64_t sequence = sequence_ + 1;
  const int slot = static_cast<int>(sequence % 2);
  const hsize_t size = schema::kStateHeaderSize + payload.size();
  buffer_.resize(size);
  std::memcpy(buffer_.data(), schema::kStateMagic, sizeof schema::kStateMagic);
  put_u64(buffer_.data() + 8, sequence);
  put_u64(buffer_.data() + 16, payload.size());
  put_u64(buffer_.data() + 24, fnv1a64(payload));
  std::memcpy(buffer_.data() + schema::kStateHeaderSize, payload.data(), payload.size());
  write_bytes(slots_[slot].get(), 0, std::string_view(buffer_.data(), size), extent_[slot],
              schema::kStateChunk, what);
  sequence_ = sequence;
  return sequence;
}

void SlotPair::keep(std::uint64_t sequence) {
  sequence_ = std::max(sequence_, sequence);
  if ((sequence_ + 1) % 2 == sequence % 2) ++sequence_;
}

std::vector<SlotPayload> read_intact(hid_t file_id, const char* const (&names)[2],
                                     const std::string& path, bool& damaged) {
  SlotPayload payloads[2];
  Slot kinds[2];
  damaged = read_both(file_id, names, payloads, kinds, path) > 0;
  std::vector<SlotPayload> intact;
  for (int i = 0; i < 2; ++i) {
    if (kinds[i] == Slot::valid) intact.push_back(std::move(payloads[i]));
  }
  std::sort(intact.begin(), intact.end(),
            [](const SlotPayload& a, const SlotPayload& b) { return a.sequence > b.sequence; });
  return intact;
}

std::optional<SlotPayload> read_newest(hid_t file_id, const char* const (&names)[2],
                                       const std::string& path) {
  SlotPayload payloads[2];
  Slot kinds[2];
  const int damaged = read_both(file_id, names, payloads, kinds, path);
  int best = -1;
  for (int i = 0; i < 2; ++i) {
    if (kinds[i] == Slot::valid && (best < 0 || payloads[i].sequence > payloads[best].sequence)) {
      best = i;
    }
  }
  if (best < 0 && damaged > 0) {
    throw Error::input("checkpoint '" + path + "': both /" + std::string(names[0]) + " and /" +
                       names[1] + " are damaged; the search state cannot be restored");
  }
  if (best < 0) return std::nullopt;
  payloads[best].other_slot_damaged = damaged > 0;
  return std::move(payloads[best]);
}

SlotPayload read_sequence(hid_t file_id, const char* const (&names)[2], std::uint64_t sequence,
                          const std::string& path) {
  SlotPayload payloads[2];
  Slot kinds[2];
  read_both(file_id, names, payloads, kinds, path);
  for (int i = 0; i < 2; ++i) {
    if (kinds[i] == Slot::valid && payloads[i].sequence == sequence) return std::move(payloads[i]);
  }
  throw Error::input("checkpoint '" + path + "': the strategy snapshot " +
                     std::to_string(sequence) + " its state builds on is missing or damaged (/" +
                     names[0] + ", /" + names[1] + ")");
}

} // namespace hpsearch::h5
