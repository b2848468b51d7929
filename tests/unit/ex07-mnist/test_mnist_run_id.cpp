// Exercise 7's run names: a checkpoint and its log are named by every setting that shapes the
// trained weights or the log, so --from-checkpoint can never pass a model off as trained with
// other flags; and the name is stable, so a saved run is found again by a later build. Both
// live in the runs folder, not among the plots.
#include <filesystem>
#include <set>

#include "catch_compat.hpp"
#include "ex07/run_files.hpp"
#include "ex07/settings.hpp"
#include "temp_dir.hpp"

namespace test_mnist_run_id {

using vae::mnist::Settings;

namespace {

Settings parse(const std::vector<std::string>& args) {
    return vae::parse_command_line(vae::mnist::add_flags, args).settings;
}

}  // namespace

TEST_CASE("every setting that shapes the weights or the log changes the run name", "[mnist]") {
    const std::vector<std::vector<std::string>> variants = {
        {},
        {"--seed", "7"},
        {"--epochs", "21"},
        {"--lr", "0.002"},
        {"--batch-size", "64"},
        {"--beta", "0.5"},
        {"--beta-warmup", "0"},
        {"--train-subset", "50000"},
        {"--test-subset", "5000"},
        {"--arch", vae::mnist::kArch20d},
        {"--dataset", "fashion"},
    };
    std::set<std::string> ids;
    for (const auto& args : variants) ids.insert(parse(args).run_id());
    CHECK(ids.size() == variants.size());

    // What does not change the weights does not change the name, and equal values written
    // otherwise are equal settings.
    const std::string id = parse({}).run_id();
    CHECK(parse({"--from-checkpoint"}).run_id() == id);
    CHECK(parse({"--no-plots", "--csv"}).run_id() == id);
    // The evaluation after training reads the weights and changes none of them.
    CHECK(parse({"--iw-samples", "10", "--iw-images", "50", "--tsne-images", "300", "--no-animation"})
              .run_id() == id);
    CHECK(parse({"--lr", "1e-3", "--beta", "1.0", "--seed", "042"}).run_id() == id);
}

TEST_CASE("the run name is readable and the same on every machine", "[mnist]") {
    const Settings s = parse({});
    CHECK(s.canonical() ==
          "exercise7 run 1; dataset mnist; arch 784-512-256-2; epochs 20; batch-size 128; lr 0.001; beta 1; "
          "beta-warmup 5; train-subset 60000; test-subset 10000; seed 42");
    // Pinned: a change here orphans every checkpoint saved so far, so it must be deliberate.
    CHECK(s.run_id() == "mnist_2d_4345d695a0ba");
    CHECK(parse({"--arch", vae::mnist::kArch20d, "--dataset", "fashion"}).run_id().rfind("fashion_20d_", 0) ==
          0);
}

TEST_CASE("a run's checkpoint and log are in the runs folder, under the run's name", "[mnist]") {
    const Settings s = parse({});
    const vae::mnist::RunFiles files = vae::mnist::run_files("/somewhere/runs", s);
    CHECK(files.folder == "/somewhere/runs");
    CHECK(files.checkpoint == "/somewhere/runs/exercise7_mnist_2d_4345d695a0ba.ckpt");
    CHECK(files.log == "/somewhere/runs/exercise7_mnist_2d_4345d695a0ba_epochs.csv");
}

TEST_CASE("a missing checkpoint's message counts the folder's checkpoints of other settings", "[mnist]") {
    const vae_test::TempDir folder;
    const Settings s = parse({});
    const vae::mnist::RunFiles files = vae::mnist::run_files(folder.file("runs"), s);
    std::filesystem::create_directory(files.folder);

    CHECK(vae::mnist::missing_checkpoint_message(files, s).find("the folder holds") == std::string::npos);
    // Two of the same data set and latent size count; another latent size, a log and a
    // checkpoint of another exercise do not.
    for (const char* name :
         {"exercise7_mnist_2d_000000000001.ckpt", "exercise7_mnist_2d_000000000002.ckpt",
          "exercise7_mnist_20d_000000000003.ckpt", "exercise7_mnist_2d_000000000001_epochs.csv",
          "exercise8_mnist_2d_000000000004.ckpt"})
        folder.write(std::string("runs/") + name, "x");
    const std::string message = vae::mnist::missing_checkpoint_message(files, s);
    CHECK(message.rfind(files.checkpoint + ": no checkpoint trained with these settings", 0) == 0);
    CHECK(message.find("(the folder holds 2 checkpoints of MNIST 784-512-256-2 with other settings)") !=
          std::string::npos);

    folder.write("runs/exercise7_mnist_2d_4345d695a0ba.ckpt", "x");
    folder.write("runs/exercise7_mnist_2d_4345d695a0ba_epochs.csv", "x");
    vae::mnist::remove_run_files(files, "");
    CHECK_FALSE(std::filesystem::exists(files.checkpoint));
    CHECK_FALSE(std::filesystem::exists(files.log));
    CHECK(std::filesystem::exists(folder.file("runs/exercise7_mnist_2d_000000000001.ckpt")));  // others stay
}

}  // namespace test_mnist_run_id
