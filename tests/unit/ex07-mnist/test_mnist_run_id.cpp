// Exercise 7's run names: a checkpoint and its log are named by every setting that shapes the
// trained weights or the log, so --from-checkpoint can never pass a model off as trained with
// other flags; and the name is stable, so a saved run is found again by a later build.
#include <set>

#include "catch_compat.hpp"
#include "ex07/settings.hpp"

using vae::mnist::Settings;

namespace {

Settings parse(const std::vector<std::string>& args) {
    bool help = false;
    return vae::mnist::settings_from(
        vae::parse_flags(vae::with_common_flags(vae::mnist::flags()), args, help));
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
