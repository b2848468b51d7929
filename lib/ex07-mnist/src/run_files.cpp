#include "ex07/run_files.hpp"

#include <filesystem>
#include <system_error>

namespace vae::mnist {

namespace {

bool is_checkpoint_of(const std::string& name, const std::string& prefix) {
    const std::string suffix = ".ckpt";
    return name.rfind(prefix, 0) == 0 && name.size() > suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

RunFiles run_files(const std::string& runs_folder, const Settings& settings) {
    const std::string stem = runs_folder + "/exercise7_" + settings.run_id();
    return {runs_folder, stem + ".ckpt", stem + "_epochs.csv"};
}

std::string missing_checkpoint_message(const RunFiles& files, const Settings& settings) {
    int others = 0;
    std::error_code ec;
    const std::string prefix = "exercise7_" + settings.tag() + "_";
    for (std::filesystem::directory_iterator it(files.folder, ec), end; !ec && it != end; it.increment(ec))
        if (is_checkpoint_of(it->path().filename().string(), prefix)) ++others;
    return files.checkpoint + ": no checkpoint trained with these settings (" + settings.describe() +
           "). --from-checkpoint loads only a model trained with the same --dataset, --arch, --epochs, "
           "--batch-size, --lr, --beta, --beta-warmup, --train-subset, --test-subset and --seed; run once "
           "without it to train and save one" +
           (others > 0
                ? " (the folder holds " + std::to_string(others) + " checkpoint" + (others > 1 ? "s" : "") +
                      " of " + settings.dataset_name() + " " + settings.arch + " with other settings)"
                : std::string());
}

void remove_run_files(const RunFiles& files, const std::string& temporary_log) {
    std::error_code ignored;
    if (!temporary_log.empty()) std::filesystem::remove(temporary_log, ignored);
    std::filesystem::remove(files.checkpoint, ignored);
    std::filesystem::remove(files.log, ignored);
}

}  // namespace vae::mnist
