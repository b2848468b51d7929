#include "ex07/data.hpp"

#include <cmath>
#include <filesystem>

#include "vae/data/mnist.hpp"
#include "vae/error.hpp"

namespace vae::mnist {

namespace {

namespace fs = std::filesystem;

const char* const kMnistFiles[] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                   "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

bool present(const fs::path& dir, const std::string& name) {
    std::error_code ignored;
    return fs::is_regular_file(dir / name, ignored) || fs::is_regular_file(dir / (name + ".gz"), ignored);
}

analysis::Labels to_labels(const std::vector<int>& v) { return analysis::Labels(v.begin(), v.end()); }

}  // namespace

bool mnist_present(const std::string& mnist_dir) {
    for (const char* name : kMnistFiles)
        if (!present(mnist_dir, name)) return false;
    return true;
}

Data load_data(const std::string& data_dir, const Settings& settings, bool load_train) {
    const auto train_n = static_cast<std::size_t>(settings.train_subset);
    const auto test_n = static_cast<std::size_t>(settings.test_subset);
    data::MnistSet train, test;
    Data d;
    if (settings.dataset == "fashion") {
        for (const char* name : kMnistFiles)
            if (!present(data::kFashionMnistDir, name))
                throw MissingData(std::string("Fashion-MNIST is not in ") + data::kFashionMnistDir +
                                  "; install it with: sudo apt-get install dataset-fashion-mnist");
        if (load_train) train = data::load_fashion_mnist("train", train_n);
        test = data::load_fashion_mnist("t10k", test_n);
        d.class_names = data::fashion_mnist_class_names();
    } else {
        const std::string dir = (fs::path(data_dir) / "mnist").string();
        if (!mnist_present(dir))
            throw MissingData("MNIST is not in " + dir + "; fetch it with scripts/fetch-mnist");
        if (load_train) train = data::load_mnist(dir, "train", train_n);
        test = data::load_mnist(dir, "t10k", test_n);
        for (int k = 0; k < 10; ++k) d.class_names.push_back(std::to_string(k));
    }
    if (test.rows != 28 || test.cols != 28 || (load_train && (train.rows != 28 || train.cols != 28)))
        throw InputError(settings.dataset_name() + ": expected 28x28 images, got " +
                         std::to_string(test.rows) + "x" + std::to_string(test.cols));
    d.train_x = std::move(train.bytes);
    d.train_labels = to_labels(train.labels);
    d.test_x = data::to_intensities(test.bytes);
    d.test_labels = to_labels(test.labels);
    return d;
}

double bernoulli_recon_floor(const Images& x) {
    if (x.rows() < 1) return 0.0;
    double total = 0.0;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        const double p = x.data()[i];
        // The endpoints contribute 0 (p ln p -> 0); log1p keeps 1 - p accurate near 0.
        if (p > 0.0 && p < 1.0) total -= p * std::log(p) + (1.0 - p) * std::log1p(-p);
    }
    return total / double(x.rows());
}

}  // namespace vae::mnist
