// Checkpoints: a round trip reproduces the model exactly; damaged or mismatched files are
// refused with a message naming the file and the problem.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>

#include "catch_compat.hpp"
#include "vae/error.hpp"
#include "vae/nn/checkpoint.hpp"
#include "vae/nn/evaluate.hpp"

namespace test_nn_checkpoint {

using namespace vae::nn;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("vae_nn_ckpt_" + std::to_string(::getpid()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

ModelSpec spec() {
    ModelSpec s = ModelSpec::mirrored(7, {6, 4}, 3, Activation::Tanh, Likelihood::Bernoulli);
    s.decoder_activation = Activation::ReLU;
    return s;
}

RowMatrix<float> data(int rows, int cols) {
    vae::Rng rng(1, vae::Stream::Data);
    RowMatrix<float> x(rows, cols);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = float(rng.uniform());
    return x;
}

// Does the message contain every fragment?
bool mentions(const std::string& message, std::initializer_list<const char*> fragments) {
    for (const char* f : fragments)
        if (message.find(f) == std::string::npos) return false;
    return true;
}

std::string load_error(const std::string& path) {
    try {
        load_checkpoint<float>(path);
    } catch (const vae::InputError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("A checkpoint round trip gives identical outputs", "[nn][checkpoint]") {
    TempDir dir;
    Model<float> model(spec(), 21);
    // Non-zero biases, so that they are part of what is saved.
    for (Eigen::Index i = 0; i < model.params().size(); ++i) model.params()[i] += 0.01f * float(i % 7);
    const std::string path = dir.file("sub/model.ckpt");
    save_checkpoint(model, path);
    CHECK(fs::exists(path));
    // Written through a temporary name, which must not be left behind.
    CHECK(std::distance(fs::directory_iterator(dir.path / "sub"), fs::directory_iterator()) == 1);

    const Model<float> loaded = load_checkpoint<float>(path);
    CHECK(loaded.spec() == model.spec());
    CHECK(Vector<float>(loaded.params()) == Vector<float>(model.params()));
    const RowMatrix<float> x = data(9, 7);
    CHECK(encode(loaded, x) == encode(model, x));
    CHECK(reconstruct(loaded, x) == reconstruct(model, x));
    CHECK(evaluate(loaded, x, 3).recon == evaluate(model, x, 3).recon);

    // Into an existing model of the same shape; and as double (float widens exactly).
    Model<float> same(spec(), 99);
    load_checkpoint_into(same, path);
    CHECK(Vector<float>(same.params()) == Vector<float>(model.params()));
    const Model<double> wide = load_checkpoint<double>(path);
    CHECK(wide.params().cast<float>() == model.params());
}

TEST_CASE("Damaged checkpoints are refused with the file and the problem named", "[nn][checkpoint]") {
    TempDir dir;
    const Model<float> model(spec(), 22);
    const std::string good = dir.file("good.ckpt");
    save_checkpoint(model, good);
    const std::string bytes = read_bytes(good);
    const std::string bad = dir.file("bad.ckpt");

    SECTION("truncated in the parameters") {
        write_bytes(bad, bytes.substr(0, bytes.size() / 2));
        const std::string msg = load_error(bad);
        CHECK(mentions(msg, {"bad.ckpt: truncated", "needs"}));
    }
    SECTION("truncated in the header") {
        write_bytes(bad, bytes.substr(0, 14));
        CHECK(mentions(load_error(bad), {"bad.ckpt: truncated", "the input dimension"}));
    }
    SECTION("wrong magic") {
        std::string changed = bytes;
        changed[0] = 'X';
        write_bytes(bad, changed);
        CHECK(mentions(load_error(bad), {"bad.ckpt: not a VAE checkpoint"}));
    }
    SECTION("another format version") {
        std::string changed = bytes;
        changed[8] = 2;
        write_bytes(bad, changed);
        CHECK(mentions(load_error(bad), {"bad.ckpt: checkpoint format version 2", "reads version 1"}));
    }
    SECTION("a flipped parameter byte") {
        std::string changed = bytes;
        changed[bytes.size() - 20] ^= 0x10;
        write_bytes(bad, changed);
        CHECK(mentions(load_error(bad), {"bad.ckpt: corrupt: the checksum"}));
    }
    SECTION("trailing bytes") {
        write_bytes(bad, bytes + "extra");
        CHECK(mentions(load_error(bad), {"bad.ckpt: 5 unexpected bytes"}));
    }
    SECTION("missing file") {
        CHECK(mentions(load_error(dir.file("none.ckpt")), {"none.ckpt: cannot open"}));
    }
    SECTION("every refusal is an InputError") {
        write_bytes(bad, bytes.substr(0, 3));
        REQUIRE_THROWS_AS(load_checkpoint<float>(bad), vae::InputError);
    }
}

TEST_CASE("Loading into a model of another shape is refused", "[nn][checkpoint]") {
    TempDir dir;
    const std::string path = dir.file("m.ckpt");
    save_checkpoint(Model<float>(spec(), 23), path);

    ModelSpec other = spec();
    other.encoder_hidden = {6, 5};
    Model<float> wrong_sizes(other, 1);
    REQUIRE_THROWS_WITH(load_checkpoint_into(wrong_sizes, path),
                        path +
                            ": the checkpoint holds 7-6-4-[3]-4-6-7 tanh/relu bernoulli vae but "
                            "the model is 7-6-5-[3]-4-6-7 tanh/relu bernoulli vae (layer sizes differ)");
    ModelSpec ae = spec();
    ae.mode = Mode::Autoencoder;
    Model<float> wrong_mode(ae, 1);
    std::string message = "no error";
    try {
        load_checkpoint_into(wrong_mode, path);
    } catch (const vae::InputError& e) {
        message = e.what();
    }
    CHECK(mentions(message, {"m.ckpt", "(modes differ)"}));
    ModelSpec gauss = spec();
    gauss.likelihood = Likelihood::Gaussian;
    Model<float> wrong_likelihood(gauss, 1);
    REQUIRE_THROWS_AS(load_checkpoint_into(wrong_likelihood, path), vae::InputError);
}

TEST_CASE("A parameter beyond float's range is refused, not loaded as inf", "[nn][checkpoint]") {
    TempDir dir;
    // A double model may hold it; a float model cannot. The file itself is sound (checksum).
    Model<double> wide(spec(), 24);
    wide.params()[43] = 1e39;  // encoder.0 is 7 x 6: W takes 0..41, b 42..47
    const std::string path = dir.file("wide.ckpt");
    save_checkpoint(wide, path);
    CHECK(load_checkpoint<double>(path).params()[43] == 1e39);
    const std::string message = load_error(path);
    CHECK(mentions(message, {"wide.ckpt: parameter 43 of", "(encoder.0 b(1), counting from 0) is 1e+39",
                             "beyond the range of float"}));
    Model<float> into(spec(), 1);
    REQUIRE_THROWS_AS(load_checkpoint_into(into, path), vae::InputError);

    wide.params()[43] = -1e39;
    save_checkpoint(wide, path);
    CHECK(mentions(load_error(path), {"parameter 43 of", "is -1e+39"}));

    // The largest float itself is a legal value.
    wide.params()[43] = double(std::numeric_limits<float>::max());
    save_checkpoint(wide, path);
    CHECK(load_checkpoint<float>(path).params()[43] == std::numeric_limits<float>::max());
}

}  // namespace test_nn_checkpoint
