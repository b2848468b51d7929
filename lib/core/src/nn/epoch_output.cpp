#include "epoch_output.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>

#include "vae/atomic_file.hpp"
#include "vae/error.hpp"

namespace vae::nn {

namespace {

std::string format(const char* fmt, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

std::string csv_number(double v) { return std::isnan(v) ? "" : format("%.9g", v); }

}  // namespace

std::string epoch_csv_header() {
    return "epoch,beta,total,recon,kl,grad_norm,test_total,test_recon,test_kl,seconds";
}

std::string epoch_csv_row(const EpochStats& s) {
    return std::to_string(s.epoch) + "," + csv_number(s.beta) + "," + csv_number(s.total) + "," +
           csv_number(s.recon) + "," + csv_number(s.kl) + "," + csv_number(s.grad_norm) + "," +
           csv_number(s.test_total) + "," + csv_number(s.test_recon) + "," + csv_number(s.test_kl) + "," +
           csv_number(s.seconds);
}

namespace detail {

EpochTable::EpochTable(std::ostream* out, bool show_progress, int epochs, int batches)
    : out_(out),
      bar_(out == &std::cout && show_progress && ::isatty(STDOUT_FILENO) == 1),
      epochs_(epochs),
      batches_(batches) {}

void EpochTable::header() {
    if (!out_) return;
    // "r+b*KL" rather than "total": during a beta warm-up the loss being minimised is not the
    // -ELBO (recon + KL) that the report gives, and a reader comparing the two should see why.
    *out_ << " epoch      beta      r+b*KL       recon          KL      |grad|"
             " test r+b*KL  test recon     test KL     sec\n";
    out_->flush();
}

void EpochTable::progress(int epoch, int batches_done) {
    if (!bar_) return;
    const auto now = std::chrono::steady_clock::now();
    if (batches_done == 1) epoch_start_ = now;
    if (batches_done < batches_ && bar_drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    const double done = double(batches_done) / batches_;
    const double elapsed = std::chrono::duration<double>(now - epoch_start_).count();
    // ETA of this epoch, from the pace so far.
    const double eta = batches_done > 1 ? elapsed / (batches_done - 1) * (batches_ - batches_done) : 0;
    constexpr int kWidth = 30;
    const int filled = int(done * kWidth);
    char bar[kWidth + 1];  // no std::string: this runs inside the batch loop
    for (int i = 0; i < kWidth; ++i) bar[i] = i < filled ? '=' : ' ';
    bar[kWidth] = '\0';
    char line[160];
    std::snprintf(line, sizeof line, "\r epoch %d/%d [%s] %3.0f%%  batch %d/%d  ETA %.1f s ", epoch, epochs_,
                  bar, 100 * done, batches_done, batches_, eta);
    *out_ << line << std::flush;
    bar_drawn_ = true;
}

void EpochTable::clear_progress() {
    if (!bar_drawn_) return;
    *out_ << '\r' << std::string(100, ' ') << '\r';
    bar_drawn_ = false;
}

void EpochTable::row(const EpochStats& s) {
    if (!out_) return;
    clear_progress();
    auto num = [](double v) { return std::isnan(v) ? std::string(12, ' ') : format(" %11.5g", v); };
    *out_ << format("%6.0f", s.epoch) << format(" %9.4g", s.beta) << num(s.total) << num(s.recon) << num(s.kl)
          << num(s.grad_norm) << num(s.test_total) << num(s.test_recon) << num(s.test_kl)
          << format(" %7.2f", s.seconds) << '\n';
    out_->flush();
}

CsvLog::CsvLog(const std::string& path) : path_(path) {
    if (path_.empty()) return;
    ensure_parent_dir(path_);
    file_.open(path_, std::ios::trunc);
    if (!file_) throw InputError(path_ + ": cannot write the training log");
    file_ << epoch_csv_header() << '\n' << std::flush;
}

void CsvLog::append(const EpochStats& s) {
    if (path_.empty()) return;
    // Row by row, so a run that stops early still leaves the epochs it finished.
    file_ << epoch_csv_row(s) << '\n' << std::flush;
    if (!file_) throw InputError(path_ + ": cannot write the training log (disk full?)");
}

}  // namespace detail
}  // namespace vae::nn
