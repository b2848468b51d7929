#pragma once
// The images exercise 7 trains and tests on, and what pixel intensities imply for the
// Bernoulli likelihood.
#include <string>
#include <vector>

#include "ex07/settings.hpp"
#include "vae/analysis/matrix.hpp"
#include "vae/data/idx.hpp"

namespace vae::mnist {

using Images = data::ImageMatrix;          // float, one 28x28 image per row, pixels in [0, 1]
using ByteImages = data::ByteImageMatrix;  // the same as the file's bytes 0..255

struct Data {
    // The training images stay bytes (47 MB rather than 188 MB as float): training converts
    // each batch as it gathers it, with the bits of data::byte_intensity.
    ByteImages train_x;
    Images test_x;
    analysis::Labels train_labels, test_labels;
    std::vector<std::string> class_names;  // "0".."9", or the ten Fashion-MNIST names
    int side = 28;                         // images are side x side
};

// Loads the first settings.train_subset training and settings.test_subset test images of
// MNIST (from data_dir/mnist) or Fashion-MNIST (from the Debian package's folder). With
// load_train false the training part is left empty (for --from-checkpoint).
// Throws MissingData when the files are not there, saying which command fetches them
// (scripts/fetch-mnist) or which package installs them; InputError when they are broken.
Data load_data(const std::string& data_dir, const Settings& settings, bool load_train = true);

// True when all four MNIST IDX files (plain or .gz) are in mnist_dir.
bool mnist_present(const std::string& mnist_dir);

// The lowest reconstruction term any decoder can reach on these images, in nats per image.
// With grey pixels x in [0, 1] the Bernoulli "likelihood" is a cross-entropy, smallest when
// the decoder outputs p = x exactly, where it equals the entropy of x:
//   floor = mean_i sum_j H(x_ij),   H(p) = -p ln p - (1 - p) ln(1 - p)   (H(0) = H(1) = 0)
// So the reconstruction term of a perfect model is this, not 0.
double bernoulli_recon_floor(const Images& x);

}  // namespace vae::mnist
