// IDX headers that lie about their size: refused with the file and the claim, never with a
// bare std::bad_alloc from allocating what the header claims before reading it.
#include <sstream>

#include "catch_compat.hpp"
#include "idx_bytes.hpp"
#include "temp_dir.hpp"
#include "vae/data/idx.hpp"
#include "vae/error.hpp"

namespace test_data_idx_bounds {

using vae::data::load_idx_images;
using vae::data::load_idx_labels;

using vae_test::big_endian;
using vae_test::gzip;

namespace {

// A header claiming `count` images of rows x cols, followed by `present` images whose pixel
// k of image i is (i + k) mod 256.
std::string image_file(std::uint32_t count, std::uint32_t rows, std::uint32_t cols, std::uint32_t present) {
    std::string bytes = big_endian(0x00000803) + big_endian(count) + big_endian(rows) + big_endian(cols);
    for (std::uint32_t i = 0; i < present; ++i)
        for (std::uint32_t k = 0; k < rows * cols; ++k) bytes += static_cast<char>((i + k) & 0xFF);
    return bytes;
}

}  // namespace

TEST_CASE("a gzip IDX file claiming 2^31 images is refused, naming the claim", "[data]") {
    vae_test::TempDir dir;
    const std::string path = dir.write("huge-images-idx3-ubyte.gz", gzip(image_file(1u << 31, 28, 28, 1)));
    REQUIRE_THROWS_AS(load_idx_images(path), vae::InputError);
    REQUIRE_THROWS_WITH(load_idx_images(path),
                        ContainsText(path + ": the header claims 2147483648 images, more than the 10000000"));
    // Asking for a few does not make the claim believable.
    REQUIRE_THROWS_AS(load_idx_images(path, 1), vae::InputError);
}

TEST_CASE("a gzip IDX label file claiming 2^31 labels is refused", "[data]") {
    vae_test::TempDir dir;
    const std::string labels = big_endian(0x00000801) + big_endian(1u << 31) + std::string(3, '\1');
    const std::string path = dir.write("huge-labels-idx1-ubyte.gz", gzip(labels));
    REQUIRE_THROWS_WITH(load_idx_labels(path), ContainsText(path + ": the header claims 2147483648 labels"));
}

TEST_CASE("a gzip IDX file claiming more images than it holds fails with both sizes", "[data]") {
    // Within the bound, but 9 million images of 28x28 would be 28 GB as float: more than the
    // memory of the machines this runs on, so allocating before reading would fail.
    vae_test::TempDir dir;
    const std::string path = dir.write("lying-images-idx3-ubyte.gz", gzip(image_file(9000000, 28, 28, 2)));
    REQUIRE_THROWS_WITH(
        load_idx_images(path),
        path +
            ": expected 7056000016 bytes (16-byte header + 9000000 images of 28x28 bytes) after "
            "decompression, found 1584: it is truncated");
}

TEST_CASE("an IDX file claiming enormous images is refused", "[data]") {
    vae_test::TempDir dir;
    const std::string path = dir.write("wide-images-idx3-ubyte.gz", gzip(image_file(2, 65536, 65536, 0)));
    REQUIRE_THROWS_WITH(load_idx_images(path),
                        ContainsText(path + ": the header claims images of 65536x65536 = 4294967296 bytes"));
    const std::string plain = dir.write("wide-images-idx3-ubyte", image_file(2, 65536, 65536, 0));
    REQUIRE_THROWS_WITH(load_idx_images(plain),
                        ContainsText(plain + ": the header claims images of 65536x65536"));
}

TEST_CASE("a gzip IDX file read in pieces gives the same images as the plain file", "[data]") {
    // 1500 images of 28x28 bytes span two of the reader's 1 MiB pieces.
    vae_test::TempDir dir;
    const std::string bytes = image_file(1500, 28, 28, 1500);
    const auto plain = load_idx_images(dir.write("images-idx3-ubyte", bytes));
    const auto gz = load_idx_images(dir.write("images-idx3-ubyte.gz", gzip(bytes)));
    REQUIRE(gz.bytes.rows() == 1500);
    CHECK(gz.bytes == plain.bytes);
    CHECK(int(gz.bytes(1499, 783)) == (1499 + 783) % 256);
    const auto part = load_idx_images(dir.file("images-idx3-ubyte.gz"), 1400);
    CHECK(part.bytes == plain.bytes.topRows(1400));
    CHECK(part.count_in_file == 1500);
}

}  // namespace test_data_idx_bounds
