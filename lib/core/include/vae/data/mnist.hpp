#pragma once
// MNIST (handwritten digits, fetched into data/mnist/ by scripts/fetch-mnist) and
// Fashion-MNIST (clothing, from the Debian package dataset-fashion-mnist): 28x28 grey images
// in ten classes, stored as pairs of IDX files named <which>-images-idx3-ubyte and
// <which>-labels-idx1-ubyte (optionally with ".gz").
#include <cstddef>
#include <string>
#include <vector>

#include "vae/data/idx.hpp"

namespace vae::data {

struct MnistSet {
    ByteImageMatrix bytes;    // one image per row, the file's pixel bytes 0..255 (to_intensities
                              // gives floats in [0, 1])
    std::vector<int> labels;  // labels[i] in [0, 10) is the class of images.row(i)
    int rows = 0;             // image height
    int cols = 0;             // image width
};

// Loads the "train" (60000) or "t10k" (10000) part from `dir`, at most max_items of it.
// Checks that the image and label files hold the same number of items and that every label is
// below 10. A missing file throws vae::InputError telling to run scripts/fetch-mnist.
MnistSet load_mnist(const std::string& dir, const std::string& which = "train",
                    std::size_t max_items = kAllItems);

// Where the Debian package dataset-fashion-mnist installs its (gzip-compressed) files.
inline constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

// Like load_mnist, from kFashionMnistDir; a missing file says which package to install.
MnistSet load_fashion_mnist(const std::string& which = "train", std::size_t max_items = kAllItems);

// The names of the ten Fashion-MNIST classes, by label.
const std::vector<std::string>& fashion_mnist_class_names();

}  // namespace vae::data
