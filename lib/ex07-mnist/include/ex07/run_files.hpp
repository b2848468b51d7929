#pragma once
// Where exercise 7 keeps a trained run: the checkpoint and the per-epoch log, in the runs
// folder (vae::runs_dir: runs/ beside the plot folder), named by every setting that shapes the
// trained weights or the log (Settings::run_id), so that --from-checkpoint finds only a model
// trained the way it is asked for.
#include <string>

#include "ex07/settings.hpp"

namespace vae::mnist {

struct RunFiles {
    std::string folder;      // the runs folder
    std::string checkpoint;  // folder/exercise7_<run id>.ckpt
    std::string log;         // folder/exercise7_<run id>_epochs.csv
};

RunFiles run_files(const std::string& runs_folder, const Settings& settings);

// Why --from-checkpoint found no checkpoint, and how many checkpoints of the same data set and
// latent size the folder holds with other settings: the usual cause is a flag that differs
// from the run that saved one.
std::string missing_checkpoint_message(const RunFiles& files, const Settings& settings);

// Removes the checkpoint, the log and temporary_log (if not empty), whichever exist.
void remove_run_files(const RunFiles& files, const std::string& temporary_log);

}  // namespace vae::mnist
