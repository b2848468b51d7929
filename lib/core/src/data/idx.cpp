#include "vae/data/idx.hpp"

#include <algorithm>
#include <boost/iostreams/device/file.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>

#include "idx_reader.hpp"
#include "vae/error.hpp"

namespace vae::data {
namespace detail {
namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string hex32(std::uint32_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", static_cast<unsigned>(value));
    return text;
}

std::unique_ptr<std::istream> open_stream(const std::string& path, bool compressed) {
    std::error_code ignored;
    if (!std::filesystem::exists(path, ignored)) throw InputError(path + ": no such file");
    if (std::filesystem::is_directory(path, ignored))
        throw InputError(path + ": is a directory, expected an IDX file");
    std::unique_ptr<std::istream> in;
    if (compressed) {
        auto gz = std::make_unique<boost::iostreams::filtering_istream>();
        gz->push(boost::iostreams::gzip_decompressor());
        gz->push(boost::iostreams::file_source(path, std::ios::binary));
        in = std::move(gz);
    } else {
        in = std::make_unique<std::ifstream>(path, std::ios::binary);
    }
    if (!*in) throw InputError(path + ": cannot open the file");
    // A corrupt gzip stream makes the decompressor throw; with badbit enabled the stream passes
    // that exception on instead of quietly reporting end of file.
    in->exceptions(std::ios::badbit);
    return in;
}

}  // namespace

IdxReader::IdxReader(std::string path, int dimensions, std::string kind)
    : path_(std::move(path)),
      kind_(std::move(kind)),
      compressed_(ends_with(path_, ".gz")),
      in_(open_stream(path_, compressed_)) {
    // Magic number, big-endian: two zero bytes, the element type (0x08 = unsigned byte), and the
    // number of dimensions.
    const std::uint32_t expected_magic = 0x00000800u | static_cast<std::uint32_t>(dimensions);
    unsigned char magic[4] = {0, 0, 0, 0};
    const std::uint64_t got = read_raw(reinterpret_cast<char*>(magic), 4);
    if (got < 4) {
        throw InputError(path_ + ": expected an IDX " + kind_ + " file (magic number " +
                         hex32(expected_magic) + "), but the file has only " + std::to_string(got) +
                         " bytes");
    }
    consumed_ = 4;
    const std::uint32_t found_magic = (std::uint32_t{magic[0]} << 24) | (std::uint32_t{magic[1]} << 16) |
                                      (std::uint32_t{magic[2]} << 8) | std::uint32_t{magic[3]};
    if (found_magic != expected_magic) {
        throw InputError(path_ + ": not an IDX " + kind_ + " file: magic number " + hex32(found_magic) +
                         ", expected " + hex32(expected_magic));
    }

    header_bytes_ = 4 + 4 * static_cast<std::uint64_t>(dimensions);
    for (int d = 0; d < dimensions; ++d) {
        unsigned char size[4];
        if (read_raw(reinterpret_cast<char*>(size), 4) < 4) {
            throw InputError(path_ + ": the header ends early: expected " + std::to_string(header_bytes_) +
                             " header bytes (magic number and " + std::to_string(dimensions) + " sizes)");
        }
        consumed_ += 4;
        sizes_.push_back((std::uint32_t{size[0]} << 24) | (std::uint32_t{size[1]} << 16) |
                         (std::uint32_t{size[2]} << 8) | std::uint32_t{size[3]});
    }
    for (int d = 1; d < dimensions; ++d) {
        // Each size fits an int (the public API reports rows and cols as int).
        if (sizes_[d] == 0 || sizes_[d] > static_cast<std::uint32_t>(std::numeric_limits<int>::max())) {
            throw InputError(path_ + ": size " + std::to_string(d + 1) + " in the header is " +
                             std::to_string(sizes_[d]) + ", expected a positive size below 2^31");
        }
        item_bytes_ *= sizes_[d];  // two sizes below 2^31: no overflow in 64 bits
    }
    if (count() > kMaxIdxItems) {
        throw InputError(path_ + ": the header claims " + std::to_string(count()) + " " + kind_ +
                         "s, more than the " + std::to_string(kMaxIdxItems) +
                         " an IDX file may hold here (MNIST has 60000): the header is corrupt");
    }
    if (item_bytes_ > kMaxIdxItemBytes) {
        std::string shape;
        for (std::size_t d = 1; d < sizes_.size(); ++d)
            shape += (d > 1 ? "x" : "") + std::to_string(sizes_[d]);
        throw InputError(path_ + ": the header claims " + kind_ + "s of " + shape + " = " +
                         std::to_string(item_bytes_) + " bytes, more than the " +
                         std::to_string(kMaxIdxItemBytes) + " an IDX " + kind_ +
                         " may have here (MNIST's are 28x28): the header is corrupt");
    }
    if (!compressed_) {
        const std::uint64_t file_bytes = std::filesystem::file_size(path_);
        if (file_bytes != header_bytes_ + count() * item_bytes_) fail_size(file_bytes);
    }
}

IdxReader::~IdxReader() = default;

void IdxReader::fail_size(std::uint64_t actual_size) const {
    const std::uint64_t expected_size = header_bytes_ + count() * item_bytes_;
    std::string items = std::to_string(count()) + " " + kind_ + "s";
    if (sizes_.size() == 3)
        items += " of " + std::to_string(sizes_[1]) + "x" + std::to_string(sizes_[2]) + " bytes";
    const std::uint64_t excess = actual_size - expected_size;
    const std::string verdict = actual_size < expected_size ? "it is truncated"
                                : excess == 1               ? "it has 1 byte too many"
                                              : "it has " + std::to_string(excess) + " bytes too many";
    throw InputError(path_ + ": expected " + std::to_string(expected_size) + " bytes (" +
                     std::to_string(header_bytes_) + "-byte header + " + items + ")" +
                     (compressed_ ? " after decompression" : "") + ", found " + std::to_string(actual_size) +
                     ": " + verdict);
}

std::uint64_t IdxReader::read_raw(char* out, std::uint64_t bytes) {
    try {
        in_->read(out, static_cast<std::streamsize>(bytes));
    } catch (const std::exception& error) {  // only a compressed stream throws (see open_stream)
        throw InputError(path_ + ": cannot decompress (expected a gzip file): " + error.what());
    }
    return static_cast<std::uint64_t>(in_->gcount());
}

std::uint64_t IdxReader::drain() {
    std::uint64_t total = 0;
    char buffer[1 << 16];
    while (const std::uint64_t got = read_raw(buffer, sizeof buffer)) total += got;
    return total;
}

void IdxReader::read(unsigned char* out, std::uint64_t bytes) {
    const std::uint64_t got = read_raw(reinterpret_cast<char*>(out), bytes);
    consumed_ += got;
    if (got < bytes) fail_size(consumed_);
}

void IdxReader::check_size() {
    if (!compressed_) return;  // checked against the file size when opened
    const std::uint64_t total = consumed_ + drain();
    if (total != header_bytes_ + count() * item_bytes_) fail_size(total);
}

IdxImages read_images(IdxReader& reader, std::size_t max_items) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(max_items, reader.count()));
    const std::size_t item = static_cast<std::size_t>(reader.item_bytes());
    // A compressed file's size is known only once it has been read, so its header may claim
    // far more than the file holds. Its bytes are read in pieces first, and memory grows
    // with what is actually there; a short file then fails with both sizes, not bad_alloc.
    // An uncompressed file's size was checked against its header when it was opened.
    IdxImages images;
    images.rows = static_cast<int>(reader.sizes()[1]);
    images.cols = static_cast<int>(reader.sizes()[2]);
    images.count_in_file = static_cast<std::size_t>(reader.count());
    if (reader.compressed()) {
        std::vector<unsigned char> bytes;
        const std::size_t per_chunk = std::max<std::size_t>(1, (std::size_t{1} << 20) / item);
        for (std::size_t done = 0; done < n;) {
            const std::size_t chunk = std::min(per_chunk, n - done);
            bytes.resize((done + chunk) * item);
            reader.read(bytes.data() + done * item, chunk * item);
            done += chunk;
        }
        images.bytes = Eigen::Map<const ByteImageMatrix>(bytes.data(), static_cast<Eigen::Index>(n),
                                                         static_cast<Eigen::Index>(item));
    } else {
        images.bytes.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(item));
        reader.read(images.bytes.data(), n * item);
    }
    reader.check_size();
    return images;
}

std::vector<std::uint8_t> read_labels(IdxReader& reader, std::size_t max_items) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(max_items, reader.count()));
    std::vector<std::uint8_t> labels(n);
    reader.read(labels.data(), n);
    reader.check_size();
    return labels;
}

}  // namespace detail

ImageMatrix to_intensities(const ByteImageMatrix& bytes) {
    ImageMatrix out(bytes.rows(), bytes.cols());
    for (Eigen::Index i = 0; i < bytes.size(); ++i) out.data()[i] = byte_intensity(bytes.data()[i]);
    return out;
}

IdxImages load_idx_images(const std::string& path, std::size_t max_items) {
    detail::IdxReader reader(path, 3, "image");
    return detail::read_images(reader, max_items);
}

std::vector<std::uint8_t> load_idx_labels(const std::string& path, std::size_t max_items) {
    detail::IdxReader reader(path, 1, "label");
    return detail::read_labels(reader, max_items);
}

}  // namespace vae::data
