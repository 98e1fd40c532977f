#pragma once
// SlotPair: two alternating 1-D byte datasets (schema.hpp, /state). write() puts a payload,
// behind a header with a sequence number and a checksum, into the older slot, so a write
// torn by a kill leaves the previous payload readable. /state/slot* hold the resume state,
// /state/strategy* the strategy snapshots. Internal to the store module.
#include "hpsearch/store/h5_handle.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch::h5 {

struct SlotPayload {
  std::uint64_t sequence = 0;
  std::string text;
  bool other_slot_damaged = false; ///< a written slot failed its checksum (a torn write)
};

class SlotPair {
public:
  SlotPair() = default;
  /// Creates the two datasets `names` (their group must exist).
  static SlotPair create(hid_t file, const char* const (&names)[2], const std::string& path);
  static SlotPair open(hid_t file, const char* const (&names)[2], const std::string& path);

  /// Writes `payload` as the next one (no flush); returns its sequence number.
  std::uint64_t write(std::string_view payload);
  std::uint64_t sequence() const { return sequence_; }
  /// The payload `sequence` is the one in use (a reader rejected a newer one): the next
  /// write must not overwrite it, and must be newer than every payload in the file.
  void keep(std::uint64_t sequence);

private:
  std::array<Handle, 2> slots_;
  hsize_t extent_[2] = {0, 0};
  std::uint64_t sequence_ = 0;
  std::vector<char> buffer_;
  std::string path_;
};

/// The newest intact payload of `names`, or nullopt when none was ever written. Throws
/// hpsearch::Error when a dataset is missing or every written slot is damaged.
std::optional<SlotPayload> read_newest(hid_t file, const char* const (&names)[2],
                                       const std::string& path);
/// Every intact payload of `names`, newest first (none, one or two); `damaged` is set when a
/// written slot failed its checksum.
std::vector<SlotPayload> read_intact(hid_t file, const char* const (&names)[2],
                                     const std::string& path, bool& damaged);
/// The intact payload with sequence number `sequence`; throws hpsearch::Error when there
/// is none.
SlotPayload read_sequence(hid_t file, const char* const (&names)[2], std::uint64_t sequence,
                          const std::string& path);

} // namespace hpsearch::h5
