// IDX files: tiny hand-made files read back, every malformed variant refused, and (when it is
// present) the real MNIST checked against facts computed independently of this loader.
#include <algorithm>
#include <filesystem>
#include <sstream>

#include "catch_compat.hpp"
#include "ex07/data.hpp"
#include "idx_bytes.hpp"
#include "skip.hpp"
#include "temp_dir.hpp"
#include "vae/data/idx.hpp"
#include "vae/data/mnist.hpp"
#include "vae/error.hpp"

namespace test_data_idx {

using vae::data::load_idx_images;
using vae::data::load_idx_labels;
using vae::data::load_mnist;

using vae_test::big_endian;
using vae_test::gzip;

namespace {

// Three 2x3 images holding the bytes 0, 15, 30, ..., 255 in order: byte k = 15k is pixel
// (k / 6, k % 6) and should read as 15k / 255 = k / 17.
std::string image_file(std::uint32_t magic = 0x00000803, std::uint32_t count = 3) {
    std::string bytes = big_endian(magic) + big_endian(count) + big_endian(2) + big_endian(3);
    for (int k = 0; k < 18; ++k) bytes += static_cast<char>(k * 15);
    return bytes;
}

std::string label_file(std::string labels, std::uint32_t magic = 0x00000801) {
    return big_endian(magic) + big_endian(static_cast<std::uint32_t>(labels.size())) + labels;
}

}  // namespace

TEST_CASE("a tiny IDX image file reads back as [0, 1] pixels, one image per row", "[data]") {
    vae_test::TempDir dir;
    const std::string path = dir.write("images-idx3-ubyte", image_file());
    const vae::data::IdxImages images = load_idx_images(path);
    REQUIRE(images.bytes.rows() == 3);
    REQUIRE(images.bytes.cols() == 6);
    CHECK(int(images.bytes(1, 2)) == 15 * 8);
    const vae::data::ImageMatrix pixels = vae::data::to_intensities(images.bytes);
    CHECK(images.rows == 2);
    CHECK(images.cols == 3);
    CHECK(images.count_in_file == 3);
    CHECK(pixels(0, 0) == 0.0f);
    CHECK(pixels(2, 5) == 1.0f);
    for (Eigen::Index i = 0; i < 3; ++i) {
        for (Eigen::Index j = 0; j < 6; ++j) {
            INFO("pixel " << i << ", " << j);
            CHECK_THAT(pixels(i, j), WithinRel(static_cast<double>(6 * i + j) / 17.0, 1e-7));
        }
    }

    const vae::data::IdxImages first_two = load_idx_images(path, 2);
    CHECK(first_two.bytes.rows() == 2);
    CHECK(first_two.count_in_file == 3);
    CHECK(first_two.bytes == images.bytes.topRows(2));
}

TEST_CASE("a tiny IDX label file reads back, also from gzip and in part", "[data]") {
    vae_test::TempDir dir;
    const std::string labels = {7, 0, 9, 3};
    const std::string path = dir.write("labels-idx1-ubyte", label_file(labels));
    CHECK(load_idx_labels(path) == std::vector<std::uint8_t>{7, 0, 9, 3});
    CHECK(load_idx_labels(path, 2) == std::vector<std::uint8_t>{7, 0});
    CHECK(load_idx_labels(path, 0).empty());

    const std::string gz_path = dir.write("labels-idx1-ubyte.gz", gzip(label_file(labels)));
    CHECK(load_idx_labels(gz_path) == std::vector<std::uint8_t>{7, 0, 9, 3});
    const std::string gz_images = dir.write("images-idx3-ubyte.gz", gzip(image_file()));
    CHECK(load_idx_images(gz_images).bytes == load_idx_images(dir.write("plain", image_file())).bytes);
}

TEST_CASE("malformed IDX files are refused with the file and the reason", "[data]") {
    vae_test::TempDir dir;
    const auto refuse_images = [&](const std::string& name, const std::string& bytes,
                                   const std::string& expected) {
        const std::string path = dir.write(name, bytes);
        REQUIRE_THROWS_AS(load_idx_images(path), vae::InputError);
        REQUIRE_THROWS_WITH(load_idx_images(path), path + expected);
    };
    const std::string good = image_file();  // 16 + 3 * 6 = 34 bytes

    SECTION("a label file where images are expected") {
        refuse_images("x", label_file({1, 2}),
                      ": not an IDX image file: magic number 0x00000801, expected 0x00000803");
    }
    SECTION("a magic number of another element type") {
        refuse_images("x", image_file(0x00000D03),
                      ": not an IDX image file: magic number 0x00000D03, expected 0x00000803");
    }
    SECTION("a file shorter than the magic number") {
        refuse_images(
            "x", std::string(2, '\0'),
            ": expected an IDX image file (magic number 0x00000803), but the file has only 2 bytes");
    }
    SECTION("a truncated file") {
        refuse_images(
            "x", good.substr(0, 33),
            ": expected 34 bytes (16-byte header + 3 images of 2x3 bytes), found 33: it is truncated");
    }
    SECTION("a file that is too long") {
        refuse_images(
            "x", good + "\x01",
            ": expected 34 bytes (16-byte header + 3 images of 2x3 bytes), found 35: it has 1 byte too many");
    }
    SECTION("a header announcing more images than there are") {
        refuse_images(
            "x", image_file(0x00000803, 4),
            ": expected 40 bytes (16-byte header + 4 images of 2x3 bytes), found 34: it is truncated");
    }
    SECTION("a truncated gzip-compressed file") {
        refuse_images(
            "x.gz", gzip(good.substr(0, 30)),
            ": expected 34 bytes (16-byte header + 3 images of 2x3 bytes) after decompression, found 30: "
            "it is truncated");
    }
    SECTION("a header that ends early") {
        refuse_images("x", good.substr(0, 10),
                      ": the header ends early: expected 16 header bytes (magic number and 3 sizes)");
    }
    SECTION("images of zero width") {
        refuse_images("x", big_endian(0x803) + big_endian(1) + big_endian(2) + big_endian(0),
                      ": size 3 in the header is 0, expected a positive size below 2^31");
    }
    SECTION("a label file one byte short") {
        const std::string path = dir.write("y", label_file({1, 2, 3}).substr(0, 10));
        REQUIRE_THROWS_WITH(
            load_idx_labels(path),
            path + ": expected 11 bytes (8-byte header + 3 labels), found 10: it is truncated");
    }
    SECTION("a missing file") {
        REQUIRE_THROWS_WITH(load_idx_labels(dir.file("none")), dir.file("none") + ": no such file");
    }
}

TEST_CASE("load_mnist pairs images with labels and refuses mismatches", "[data]") {
    vae_test::TempDir dir;
    const std::string root = dir.file("");
    dir.write("train-images-idx3-ubyte", image_file());

    SECTION("matching files load together") {
        dir.write("train-labels-idx1-ubyte", label_file({4, 0, 9}));
        const vae::data::MnistSet set = load_mnist(root, "train");
        CHECK(set.bytes.rows() == 3);
        CHECK(set.labels == std::vector<int>{4, 0, 9});
        CHECK(set.rows == 2);
        CHECK(set.cols == 3);
        CHECK(load_mnist(root, "train", 1).labels == std::vector<int>{4});
        REQUIRE_THROWS_AS(load_mnist(root, "test"), std::invalid_argument);
    }
    SECTION("a compressed label file is found by its .gz name") {
        dir.write("train-labels-idx1-ubyte.gz", gzip(label_file({1, 2, 3})));
        CHECK(load_mnist(root, "train").labels == std::vector<int>{1, 2, 3});
    }
    SECTION("different counts") {
        dir.write("train-labels-idx1-ubyte", label_file({4, 0}));
        REQUIRE_THROWS_WITH(load_mnist(root, "train"), dir.file("train-images-idx3-ubyte") +
                                                           " holds 3 images but " +
                                                           dir.file("train-labels-idx1-ubyte") +
                                                           " holds 2 labels: expected one label per image");
    }
    SECTION("a label that is not a digit") {
        dir.write("train-labels-idx1-ubyte", label_file({4, 10, 1}));
        REQUIRE_THROWS_WITH(load_mnist(root, "train"),
                            dir.file("train-labels-idx1-ubyte") +
                                ": label 1 (counting from 0) is 10, expected a class in [0, 10)");
    }
    SECTION("a missing file says how to get it") {
        REQUIRE_THROWS_AS(load_mnist(root, "train"), vae::InputError);
        REQUIRE_THROWS_WITH(load_mnist(root, "train"),
                            dir.file("train-labels-idx1-ubyte") +
                                ": no such file (nor train-labels-idx1-ubyte.gz): " +
                                "run scripts/fetch-mnist to download MNIST into data/mnist/");
    }
}

// The facts below were computed from the files by a separate program (Python), not by this
// loader: label counts per digit, the first labels, one pixel and the pixel sum of image 0.
TEST_CASE("the real MNIST in data/mnist, if it has been fetched", "[data]") {
    const std::string dir = std::string(VAE_SOURCE_DIR) + "/data/mnist";
    if (!vae::mnist::mnist_present(dir))
        VAE_SKIP_TEST(
            "data/mnist/ is absent: MNIST NOT checked (run scripts/fetch-mnist to enable this test)");
    const vae::data::MnistSet train = load_mnist(dir, "train");
    REQUIRE(train.bytes.rows() == 60000);
    REQUIRE(train.bytes.cols() == 784);
    CHECK(train.rows == 28);
    CHECK(train.cols == 28);
    CHECK(std::vector<int>(train.labels.begin(), train.labels.begin() + 10) ==
          std::vector<int>{5, 0, 4, 1, 9, 2, 1, 3, 1, 4});
    const int per_digit[10] = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
    for (int digit = 0; digit < 10; ++digit) {
        INFO("digit " << digit);
        CHECK(std::count(train.labels.begin(), train.labels.end(), digit) == per_digit[digit]);
    }
    CHECK(int(train.bytes(0, 5 * 28 + 12)) == 3);  // the first non-zero pixel of image 0
    CHECK(train.bytes.row(0).cast<int>().sum() == 27525);
    const vae::data::ImageMatrix pixels = vae::data::to_intensities(train.bytes);
    CHECK(pixels(0, 5 * 28 + 12) == 3.0f / 255.0f);
    CHECK_THAT(static_cast<double>(pixels.row(0).sum()) * 255.0, WithinRel(27525.0, 1e-6));
    CHECK(pixels.minCoeff() == 0.0f);
    CHECK(pixels.maxCoeff() == 1.0f);

    const vae::data::MnistSet test = load_mnist(dir, "t10k");
    CHECK(test.bytes.rows() == 10000);
    CHECK(std::vector<int>(test.labels.begin(), test.labels.begin() + 10) ==
          std::vector<int>{7, 2, 1, 0, 4, 1, 4, 9, 5, 9});
}

TEST_CASE("Fashion-MNIST from the Debian package, if it is installed", "[data]") {
    if (!std::filesystem::exists(std::string(vae::data::kFashionMnistDir) + "/t10k-labels-idx1-ubyte.gz"))
        VAE_SKIP_TEST("dataset-fashion-mnist is not installed: Fashion-MNIST NOT checked");
    const vae::data::MnistSet test = vae::data::load_fashion_mnist("t10k");
    REQUIRE(test.bytes.rows() == 10000);
    CHECK(test.rows == 28);
    CHECK(test.cols == 28);
    CHECK(std::vector<int>(test.labels.begin(), test.labels.begin() + 10) ==
          std::vector<int>{9, 2, 1, 1, 6, 1, 4, 6, 5, 7});
    const vae::data::MnistSet train = vae::data::load_fashion_mnist("train", 5);
    CHECK(train.labels == std::vector<int>{9, 0, 0, 3, 0});
    CHECK(vae::data::fashion_mnist_class_names()[9] == "Ankle boot");
}

}  // namespace test_data_idx
