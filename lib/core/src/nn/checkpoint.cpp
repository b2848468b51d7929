#include "vae/nn/checkpoint.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>

#include "vae/atomic_file.hpp"
#include "vae/error.hpp"

namespace vae::nn {

namespace {

constexpr char kMagic[8] = {'V', 'A', 'E', 'N', 'N', 'C', 'K', 'P'};
constexpr std::uint32_t kVersion = 1;
// Far above any model this workbook trains; a larger number means a corrupt header.
constexpr std::uint32_t kMaxWidth = 1u << 24;
constexpr std::uint32_t kMaxLayers = 1024;

// FNV-1a, 64 bit: enough to notice a flipped or lost byte.
std::uint64_t fnv1a(const std::string& bytes, std::size_t n) {
    std::uint64_t h = 14695981039346656037ULL;
    for (std::size_t i = 0; i < n; ++i) {
        h ^= static_cast<unsigned char>(bytes[i]);
        h *= 1099511628211ULL;
    }
    return h;
}

// Little-endian, byte by byte, so the file is the same on every machine.
void put(std::string& out, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

class Reader {
public:
    Reader(const std::string& path, std::string bytes) : path_(path), bytes_(std::move(bytes)) {}

    std::uint64_t get(int bytes, const char* what) {
        if (pos_ + bytes > bytes_.size())
            fail("truncated: the file ends (after " + std::to_string(bytes_.size()) +
                 " bytes) while reading " + what);
        std::uint64_t v = 0;
        for (int i = 0; i < bytes; ++i)
            v |= std::uint64_t(static_cast<unsigned char>(bytes_[pos_ + i])) << (8 * i);
        pos_ += bytes;
        return v;
    }
    std::uint32_t width(const char* what) {
        const std::uint64_t w = get(4, what);
        if (w < 1 || w > kMaxWidth) fail(std::string("corrupt header: ") + what + " is " + std::to_string(w));
        return static_cast<std::uint32_t>(w);
    }
    template <class Enum>
    Enum enumeration(int count, const char* what) {
        const std::uint64_t v = get(1, what);
        if (v >= std::uint64_t(count))
            fail(std::string("corrupt header: unknown ") + what + " code " + std::to_string(v));
        return static_cast<Enum>(v);
    }
    [[noreturn]] void fail(const std::string& message) const { throw InputError(path_ + ": " + message); }
    std::size_t position() const { return pos_; }
    std::size_t size() const { return bytes_.size(); }
    const std::string& bytes() const { return bytes_; }

private:
    std::string path_;
    std::string bytes_;
    std::size_t pos_ = 0;
};

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot open the checkpoint (missing or unreadable)");
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Reads and checks everything; returns the spec and the parameters as double.
ModelSpec read_checkpoint(const std::string& path, std::vector<double>& params) {
    Reader r(path, read_all(path));
    if (r.size() < sizeof(kMagic) || std::memcmp(r.bytes().data(), kMagic, sizeof(kMagic)) != 0)
        r.fail("not a VAE checkpoint (the file does not start with \"VAENNCKP\")");
    for (std::size_t i = 0; i < sizeof(kMagic); ++i) r.get(1, "the magic");
    const std::uint64_t version = r.get(4, "the format version");
    if (version != kVersion)
        r.fail("checkpoint format version " + std::to_string(version) + ", but this program reads version " +
               std::to_string(kVersion));

    ModelSpec spec;
    spec.input_dim = static_cast<int>(r.width("the input dimension"));
    spec.latent_dim = static_cast<int>(r.width("the latent dimension"));
    for (std::vector<int>* hidden : {&spec.encoder_hidden, &spec.decoder_hidden}) {
        const std::uint64_t n = r.get(4, "the number of hidden layers");
        if (n > kMaxLayers) r.fail("corrupt header: " + std::to_string(n) + " hidden layers");
        for (std::uint64_t i = 0; i < n; ++i)
            hidden->push_back(static_cast<int>(r.width("a hidden layer's width")));
    }
    spec.encoder_activation = r.enumeration<Activation>(4, "encoder activation");
    spec.decoder_activation = r.enumeration<Activation>(4, "decoder activation");
    spec.likelihood = r.enumeration<Likelihood>(2, "likelihood");
    spec.mode = r.enumeration<Mode>(2, "mode");

    // The parameter count follows from the sizes; the stored one must agree.
    const std::uint64_t expected = static_cast<std::uint64_t>(spec.parameter_count());
    const std::uint64_t count = r.get(8, "the parameter count");
    if (count != expected)
        r.fail("corrupt header: it stores " + std::to_string(count) + " parameters but the model " +
               spec.describe() + " has " + std::to_string(expected));
    const std::size_t needed = r.position() + 8 * count + 8;
    if (r.size() < needed)
        r.fail("truncated: " + spec.describe() + " needs " + std::to_string(needed) +
               " bytes, the file has " + std::to_string(r.size()));
    if (r.size() > needed)
        r.fail(std::to_string(r.size() - needed) + " unexpected bytes after the end of the checkpoint");

    params.resize(count);
    for (std::uint64_t i = 0; i < count; ++i) {
        const std::uint64_t bits = r.get(8, "the parameters");
        std::memcpy(&params[i], &bits, sizeof(double));
    }
    const std::uint64_t hash_pos = r.position();
    if (r.get(8, "the checksum") != fnv1a(r.bytes(), hash_pos))
        r.fail("corrupt: the checksum does not match the contents");
    for (double p : params)
        if (!std::isfinite(p)) r.fail("corrupt: a parameter is NaN or infinite");
    return spec;
}

// Where flat parameter i sits: "encoder.0 W(2, 3)" or "head b(1)" (counting from 0).
template <class S>
std::string entry_name(const Model<S>& model, std::size_t i) {
    for (const DenseShape& l : model.layers()) {
        if (i < l.offset || i >= l.offset + l.size()) continue;
        const std::size_t k = i - l.offset, weights = std::size_t(l.in) * std::size_t(l.out);
        if (k < weights)
            return l.name + " W(" + std::to_string(k / std::size_t(l.out)) + ", " +
                   std::to_string(k % std::size_t(l.out)) + ")";
        return l.name + " b(" + std::to_string(k - weights) + ")";
    }
    return "beyond the last layer";
}

template <class S>
void copy_params(Model<S>& model, const std::vector<double>& params, const std::string& path) {
    auto p = model.params();
    for (std::size_t i = 0; i < params.size(); ++i) {
        // A double beyond the range of S would turn into inf (or, strictly, undefined
        // behaviour) and make every output NaN long after loading, far from the cause.
        if (std::fabs(params[i]) > double(std::numeric_limits<S>::max())) {
            char value[32], limit[32];
            std::snprintf(value, sizeof value, "%.9g", params[i]);
            std::snprintf(limit, sizeof limit, "%.9g", double(std::numeric_limits<S>::max()));
            throw InputError(
                path + ": parameter " + std::to_string(i) + " of " + std::to_string(params.size()) + " (" +
                entry_name(model, i) + ", counting from 0) is " + value + ", beyond the range of " +
                (sizeof(S) == 4 ? "float" : "this model's numbers") + " (magnitude at most " + limit + ")");
        }
        p[Eigen::Index(i)] = S(params[i]);
    }
}

// Which part of two specs differs, for the mismatch message.
std::string difference(const ModelSpec& file, const ModelSpec& model) {
    if (file.input_dim != model.input_dim || file.latent_dim != model.latent_dim ||
        file.encoder_hidden != model.encoder_hidden || file.decoder_hidden != model.decoder_hidden)
        return "layer sizes differ";
    if (file.encoder_activation != model.encoder_activation ||
        file.decoder_activation != model.decoder_activation)
        return "activations differ";
    if (file.likelihood != model.likelihood) return "likelihoods differ";
    return "modes differ";
}

}  // namespace

template <class S>
void save_checkpoint(const Model<S>& model, const std::string& path) {
    const ModelSpec& spec = model.spec();
    std::string out(kMagic, sizeof(kMagic));
    put(out, kVersion, 4);
    put(out, std::uint64_t(spec.input_dim), 4);
    put(out, std::uint64_t(spec.latent_dim), 4);
    for (const std::vector<int>* hidden : {&spec.encoder_hidden, &spec.decoder_hidden}) {
        put(out, hidden->size(), 4);
        for (int w : *hidden) put(out, std::uint64_t(w), 4);
    }
    put(out, std::uint64_t(spec.encoder_activation), 1);
    put(out, std::uint64_t(spec.decoder_activation), 1);
    put(out, std::uint64_t(spec.likelihood), 1);
    put(out, std::uint64_t(spec.mode), 1);
    put(out, model.num_params(), 8);
    out.reserve(out.size() + 8 * model.num_params() + 8);
    const auto params = model.params();
    for (Eigen::Index i = 0; i < params.size(); ++i) {
        const double value = double(params[i]);  // float -> double is exact
        std::uint64_t bits;
        std::memcpy(&bits, &value, sizeof(double));
        put(out, bits, 8);
    }
    put(out, fnv1a(out, out.size()), 8);
    write_file_atomically(path, out);
}

template <class S>
Model<S> load_checkpoint(const std::string& path) {
    std::vector<double> params;
    const ModelSpec spec = read_checkpoint(path, params);
    Model<S> model(spec, 0);
    copy_params(model, params, path);
    return model;
}

template <class S>
void load_checkpoint_into(Model<S>& model, const std::string& path) {
    std::vector<double> params;
    const ModelSpec spec = read_checkpoint(path, params);
    if (spec != model.spec())
        throw InputError(path + ": the checkpoint holds " + spec.describe() + " but the model is " +
                         model.spec().describe() + " (" + difference(spec, model.spec()) + ")");
    copy_params(model, params, path);
}

template void save_checkpoint<float>(const Model<float>&, const std::string&);
template void save_checkpoint<double>(const Model<double>&, const std::string&);
template Model<float> load_checkpoint<float>(const std::string&);
template Model<double> load_checkpoint<double>(const std::string&);
template void load_checkpoint_into<float>(Model<float>&, const std::string&);
template void load_checkpoint_into<double>(Model<double>&, const std::string&);

}  // namespace vae::nn
