#include "vae/data/mnist.hpp"

#include <filesystem>
#include <stdexcept>

#include "idx_reader.hpp"
#include "vae/error.hpp"

namespace vae::data {
namespace {

constexpr int kClassCount = 10;

// The file as named, or its ".gz" twin. Throws InputError with `hint` if neither exists.
std::string find_file(const std::string& dir, const std::string& name, const std::string& hint) {
    const std::filesystem::path plain = std::filesystem::path(dir) / name;
    const std::filesystem::path gz = std::filesystem::path(dir) / (name + ".gz");
    std::error_code ignored;
    if (std::filesystem::is_regular_file(plain, ignored)) return plain.string();
    if (std::filesystem::is_regular_file(gz, ignored)) return gz.string();
    throw InputError(plain.string() + ": no such file (nor " + gz.filename().string() + "): " + hint);
}

MnistSet load_pair(const std::string& dir, const std::string& which, std::size_t max_items,
                   const std::string& hint) {
    if (which != "train" && which != "t10k") {
        throw std::invalid_argument("load_mnist: which must be \"train\" or \"t10k\", got \"" + which + "\"");
    }
    detail::IdxReader image_file(find_file(dir, which + "-images-idx3-ubyte", hint), 3, "image");
    detail::IdxReader label_file(find_file(dir, which + "-labels-idx1-ubyte", hint), 1, "label");
    if (image_file.count() != label_file.count()) {
        throw InputError(image_file.path() + " holds " + std::to_string(image_file.count()) + " images but " +
                         label_file.path() + " holds " + std::to_string(label_file.count()) +
                         " labels: expected one label per image");
    }

    IdxImages images = detail::read_images(image_file, max_items);
    const std::vector<std::uint8_t> raw_labels = detail::read_labels(label_file, max_items);

    MnistSet set;
    set.labels.reserve(raw_labels.size());
    for (std::size_t i = 0; i < raw_labels.size(); ++i) {
        if (raw_labels[i] >= kClassCount) {
            throw InputError(label_file.path() + ": label " + std::to_string(i) + " (counting from 0) is " +
                             std::to_string(raw_labels[i]) + ", expected a class in [0, 10)");
        }
        set.labels.push_back(raw_labels[i]);
    }
    set.bytes = std::move(images.bytes);
    set.rows = images.rows;
    set.cols = images.cols;
    return set;
}

}  // namespace

MnistSet load_mnist(const std::string& dir, const std::string& which, std::size_t max_items) {
    return load_pair(dir, which, max_items, "run scripts/fetch-mnist to download MNIST into data/mnist/");
}

MnistSet load_fashion_mnist(const std::string& which, std::size_t max_items) {
    return load_pair(
        kFashionMnistDir, which, max_items,
        "install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)");
}

const std::vector<std::string>& fashion_mnist_class_names() {
    static const std::vector<std::string> names = {"T-shirt/top", "Trouser",   "Pullover", "Dress",
                                                   "Coat",        "Sandal",    "Shirt",    "Sneaker",
                                                   "Bag",         "Ankle boot"};
    return names;
}

}  // namespace vae::data
