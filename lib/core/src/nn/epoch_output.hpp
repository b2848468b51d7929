#pragma once
// Private to train.cpp: the per-epoch table, the in-epoch progress bar and the CSV log.
#include <chrono>
#include <fstream>
#include <iosfwd>
#include <string>

#include "vae/nn/train.hpp"

namespace vae::nn::detail {

class EpochTable {
public:
    // Prints nothing when out is null. The progress bar is drawn only when out is
    // std::cout, stdout is a terminal and show_progress is set.
    EpochTable(std::ostream* out, bool show_progress, int epochs, int batches);

    void header();
    // Called after each batch; redraws at most ten times a second.
    void progress(int epoch, int batches_done);
    void row(const EpochStats& s);

private:
    void clear_progress();

    std::ostream* out_;
    bool bar_;
    bool bar_drawn_ = false;
    int epochs_;
    int batches_;
    std::chrono::steady_clock::time_point epoch_start_, last_draw_;
};

class CsvLog {
public:
    explicit CsvLog(const std::string& path);  // empty path: no log
    void append(const EpochStats& s);

private:
    std::string path_;
    std::ofstream file_;
};

}  // namespace vae::nn::detail
