#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "ex07/epoch_log.hpp"
#include "ex07/experiment.hpp"
#include "ex07/latent.hpp"
#include "ex07/training_animation.hpp"
#include "vae/atomic_file.hpp"
#include "vae/error.hpp"
#include "vae/format.hpp"
#include "vae/nn/checkpoint.hpp"
#include "vae/nn/denormals.hpp"

namespace vae::mnist {

namespace {

void check_finite_test_loss(const nn::EpochStats& e) {
    // nn::train stops on a NaN training loss; a model whose test loss overflows while its
    // training loss does not has diverged just the same, and must not be saved as trained.
    if (e.has_test && !(std::isfinite(e.test_recon) && std::isfinite(e.test_kl)))
        throw NumericError("training stopped: the test loss became NaN or infinite at epoch " +
                           std::to_string(int(e.epoch)) + " (try a smaller learning rate)");
}

}  // namespace

void Experiment::train() {
    // As PyTorch's set_flush_denormal: tiny gradients late in training would otherwise run
    // through the CPU's slow path, and none of them matter at float precision. Set for a
    // loaded model too, so that it evaluates exactly as it did after training.
    nn::enable_flush_denormals();
    if (options_.plots()) mu_before_ = encode_means(model_, data_.test_x);
    if (settings_.from_checkpoint) {
        if (!std::filesystem::exists(files_.checkpoint))
            throw InputError(missing_checkpoint_message(files_, settings_));
        nn::load_checkpoint_into(model_, files_.checkpoint);
        if (std::filesystem::exists(files_.log)) history_ = read_epoch_log(files_.log);
        return;
    }
    nn::TrainConfig config;
    config.epochs = settings_.epochs;
    config.batch_size = settings_.batch_size;
    config.seed = settings_.seed;
    config.adam.lr = settings_.learning_rate;
    config.beta = settings_.schedule();
    // With --csv, stdout carries only the quantity,value lines; the table goes to stderr.
    config.out = options_.csv() ? &std::cerr : &std::cout;
    // The log grows under a temporary name and the checkpoint is written only after the last
    // epoch, so a run that stops early leaves neither: a half log beside an older checkpoint
    // would be redrawn by --from-checkpoint as if they belonged together. --no-plots keeps no
    // files at all (the golden test and bench/race rely on it).
    const bool keep = options_.plots();
    const std::string temporary_log = keep ? temporary_path_for(files_.log) : std::string();
    std::error_code ignored;
    const bool had_folder = std::filesystem::exists(files_.folder, ignored);
    // The runs folder is made for the log; a run that fails takes it away again if it is
    // empty (remove() leaves a folder with anything in it alone).
    const auto tidy_folder = [&] {
        if (keep && !had_folder) std::filesystem::remove(files_.folder, ignored);
    };
    config.csv_path = temporary_log;
    bool saved = false;
    // A frame is one decoder pass over 48 images, nothing beside an epoch; only runs that
    // keep files draw it, so --no-plots (golden test, race) times the training alone.
    const bool animate = keep && !settings_.no_animation;
    constexpr int per_row = 16;
    const Eigen::Index shown = std::min<Eigen::Index>(per_row, data_.test_x.rows());
    TrainingAnimation animation(data_.test_x.topRows(shown),
                                prior_codes(2 * per_row, settings_.latent, settings_.seed), per_row);
    try {
        history_ = nn::train(
            model_, data_.train_x, &data_.test_x, config, [&](const nn::EpochStats& e, const Model& m) {
                check_finite_test_loss(e);
                if (animate)
                    animation.capture(m, "epoch " + std::to_string(e.epoch) + ", test -ELBO " +
                                             fixed(e.test_recon + e.test_kl, 1));
            });
        if (keep) {
            nn::save_checkpoint(model_, files_.checkpoint);
            saved = true;
            commit_temporary(temporary_log, files_.log);
        }
    } catch (const NumericError& e) {
        // Files these settings saved before (with other code, since training is
        // deterministic) are not what they give now: a diverged run keeps nothing.
        if (!keep) throw;
        remove_run_files(files_, temporary_log);
        tidy_folder();
        throw NumericError(std::string(e.what()) + "; no checkpoint or log kept for these settings");
    } catch (...) {
        // An I/O error before the checkpoint was replaced leaves the older pair as it was;
        // after it, the new checkpoint would sit beside the older log.
        if (keep) std::filesystem::remove(temporary_log, ignored);
        if (saved) remove_run_files(files_, temporary_log);
        tidy_folder();
        throw;
    }
    // After the checkpoint and log are in place: a picture that cannot be written costs only itself.
    if (animate) animation.save(options_.plot_dir() + "/exercise7_" + settings_.tag() + "_training.gif");
    trained_here_ = true;
    train_images_ = static_cast<long>(data_.train_x.rows());
    data_.train_x = ByteImages();  // nothing after training needs the training images
}

}  // namespace vae::mnist
