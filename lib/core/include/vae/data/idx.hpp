#pragma once
// Reads the IDX files MNIST and Fashion-MNIST come in: a big-endian header (magic number,
// then one 32-bit size per dimension) followed by unsigned bytes.
//   images: magic 0x00000803, sizes count, rows, cols, then count*rows*cols pixels
//   labels: magic 0x00000801, size count, then count labels
// A path ending in ".gz" is decompressed while it is read.
#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "vae/matrix.hpp"

namespace vae::data {

// One image per row (row-major pixels, row by row of the image), as float intensities in [0, 1].
using ImageMatrix = RowMajorMatrix<float>;

// The same images as the file's bytes 0..255: a quarter of the float matrix's memory (47 MB
// for MNIST's 60000 training images, against 188 MB), turned into floats where they are used.
using ByteImageMatrix = RowMajorMatrix<std::uint8_t>;

// A byte 0..255 as an intensity in [0, 1]. The one conversion of IDX pixels: a batch converted
// on the fly has the same bits as a matrix converted at load.
inline float byte_intensity(std::uint8_t byte) { return static_cast<float>(byte) / 255.0f; }

// Every byte through byte_intensity.
ImageMatrix to_intensities(const ByteImageMatrix& bytes);

// "Read every item in the file."
inline constexpr std::size_t kAllItems = std::numeric_limits<std::size_t>::max();

struct IdxImages {
    ByteImageMatrix bytes;          // loaded count x (rows * cols), the file's pixel bytes
    int rows = 0;                   // image height
    int cols = 0;                   // image width
    std::size_t count_in_file = 0;  // how many images the file holds (may exceed pixels.rows())
};

// Loads the first min(max_items, count) images. The whole file is validated first: magic
// number, positive image sizes, a header within bounds (at most 10^7 images of at most 2^20
// bytes each), and a size of exactly header + count*rows*cols bytes. A ".gz" file is read
// before its pixels are allocated, so a header that claims more than the file holds costs no
// more memory than the file. Throws vae::InputError naming the file and, for a size mismatch,
// both sizes.
IdxImages load_idx_images(const std::string& path, std::size_t max_items = kAllItems);

// Loads the first min(max_items, count) labels, validated like load_idx_images.
std::vector<std::uint8_t> load_idx_labels(const std::string& path, std::size_t max_items = kAllItems);

}  // namespace vae::data
