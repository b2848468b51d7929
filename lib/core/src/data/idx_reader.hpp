#pragma once
// Private to lib/core/src/data: reads and validates the header of an IDX file, then hands out its
// payload. Shared by idx.cpp (the loaders) and mnist.cpp (which compares two headers first).
#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <vector>

namespace vae::data::detail {

// Bounds on what a header may claim, far above MNIST-like files (60000 images of 28x28
// bytes) and below sizes that would exhaust memory: a header beyond them is corrupt.
inline constexpr std::uint64_t kMaxIdxItems = 10'000'000;
inline constexpr std::uint64_t kMaxIdxItemBytes = 1u << 20;  // e.g. 1024x1024 pixels

class IdxReader {
public:
    // Opens the file (decompressing it if the name ends in ".gz"), checks the magic number
    // 0x000008NN for unsigned bytes with `dimensions` == NN sizes, and reads the sizes, which
    // must stay within kMaxIdxItems items of kMaxIdxItemBytes bytes. For an uncompressed file
    // the exact file size is checked here too. `kind` ("image", "label") goes into messages.
    // Throws vae::InputError.
    IdxReader(std::string path, int dimensions, std::string kind);
    ~IdxReader();

    const std::string& path() const { return path_; }
    // The sizes from the header: {count} or {count, rows, cols}.
    const std::vector<std::uint32_t>& sizes() const { return sizes_; }
    std::uint64_t count() const { return sizes_.front(); }
    // Bytes per item: the product of all sizes but the first.
    std::uint64_t item_bytes() const { return item_bytes_; }
    // True for a ".gz" file: its size is not known before it has been read.
    bool compressed() const { return compressed_; }

    // Reads the next `bytes` bytes of the payload into `out`. Throws vae::InputError (with the
    // expected and the actual file size) if the file ends first.
    void read(unsigned char* out, std::uint64_t bytes);
    // Confirms that the file is exactly header + count * item_bytes long (a compressed file is
    // read to its end for that). Throws vae::InputError otherwise.
    void check_size();

private:
    [[noreturn]] void fail_size(std::uint64_t actual_size) const;
    std::uint64_t read_raw(char* out, std::uint64_t bytes);  // returns how many bytes it got
    std::uint64_t drain();  // reads to the end, returns how many bytes that was

    std::string path_;
    std::string kind_;
    bool compressed_;
    std::unique_ptr<std::istream> in_;
    std::vector<std::uint32_t> sizes_;
    std::uint64_t header_bytes_ = 0;
    std::uint64_t item_bytes_ = 1;
    std::uint64_t consumed_ = 0;  // bytes read so far, header included
};

}  // namespace vae::data::detail

#include "vae/data/idx.hpp"

namespace vae::data::detail {

// The loaders behind load_idx_images / load_idx_labels, on an already opened file. Both read
// min(max_items, count) items, then check the file's size.
IdxImages read_images(IdxReader& reader, std::size_t max_items);
std::vector<std::uint8_t> read_labels(IdxReader& reader, std::size_t max_items);

}  // namespace vae::data::detail
