#include "vae/plot.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include "gnuplot-iostream.h"
#include "vae/atomic_file.hpp"
#include "vae/written_files.hpp"

namespace vae::plot {

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

namespace {

namespace fs = std::filesystem;

// The gnuplot executable: $VAE_GNUPLOT if set (tests use it to simulate a missing gnuplot),
// else the first "gnuplot" on PATH. Empty if none.
std::string find_gnuplot() {
    if (const char* forced = std::getenv("VAE_GNUPLOT"))
        return ::access(forced, X_OK) == 0 ? std::string(forced) : std::string();
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        const std::string candidate = (dir.empty() ? "." : dir) + "/gnuplot";
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return {};
}

const std::string& gnuplot_path() {
    static const std::string path = find_gnuplot();
    return path;
}

void warn_missing_once() {
    static bool warned = false;
    if (warned) return;
    warned = true;
    std::cerr << "warning: gnuplot not found, so no plots are drawn (install it with "
                 "scripts/install-deps, Debian package gnuplot-nox). The numbers are still "
                 "printed.\n";
}

void send_panel(Gnuplot& gp, const Panel& panel) {
    gp << "reset\n"
       << "set title " << quoted(panel.title) << "\n"
       << "set xlabel " << quoted(panel.xlabel) << "\n"
       << "set ylabel " << quoted(panel.ylabel) << "\n"
       << "set grid lc rgb '#dddddd'\n"
       << "set key outside right top\n";
    for (const auto& s : panel.settings) gp << s << "\n";
    if (panel.series.empty()) return;
    // Each series goes to a temporary file (gnuplot-iostream's file1d; removed when gp closes):
    // gnuplot reads inline '-' data one byte per system call, which takes seconds for an
    // image grid, while it reads a file in buffered blocks.
    gp << "plot ";
    for (std::size_t i = 0; i < panel.series.size(); ++i) {
        const Series& s = panel.series[i];
        gp << (i ? ", " : "") << gp.file1d(s.rows) << (s.matrix ? "matrix " : "") << s.style << " "
           << (s.title.empty() ? "notitle" : "title " + quoted(s.title));
    }
    gp << "\n";
}

std::string shell_quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// gnuplot's gif terminal reports "N frames in animation sequence" on stderr whenever it
// closes an animation, and has no setting to stop it. Its stderr therefore goes to a file,
// and every other line (errors, warnings) is passed on to ours.
void forward_gnuplot_errors(const std::string& err_path) {
    std::ifstream in(err_path);
    const std::regex chatter("[0-9]+ frames in animation sequence");
    for (std::string line; std::getline(in, line);)
        if (!std::regex_match(line, chatter)) std::cerr << line << "\n";
    in.close();
    std::error_code ec;
    fs::remove(err_path, ec);
}

bool render(const std::string& terminal, const std::vector<Figure>& frames, const std::string& path,
            bool animated = false) {
    if (gnuplot_path().empty()) {
        warn_missing_once();
        return false;
    }
    ensure_parent_dir(path);
    const std::string tmp = temporary_path_for(path);
    const std::string err_path = animated ? tmp + ".stderr" : std::string();
    {
        Gnuplot gp(shell_quoted(gnuplot_path()) +
                   (animated ? " 2>" + shell_quoted(err_path) : std::string()));
        gp << "set terminal " << terminal << "\n"
           << "set output " << quoted(tmp) << "\n";
        for (const Figure& fig : frames) {
            const bool multi = fig.panels.size() > 1 || !fig.title.empty();
            if (multi)
                gp << "set multiplot layout " << fig.grid_rows << "," << fig.grid_cols << " title "
                   << quoted(fig.title) << " font ',14'\n";
            for (const Panel& panel : fig.panels) send_panel(gp, panel);
            if (multi) gp << "unset multiplot\n";
        }
        gp << "set output\n";
        gp.flush();
    }  // the destructor waits for gnuplot to finish
    if (animated) forward_gnuplot_errors(err_path);
    std::error_code ec;
    if (!fs::exists(tmp, ec) || fs::file_size(tmp, ec) == 0) {
        fs::remove(tmp, ec);
        std::cerr << "warning: gnuplot did not write " << path << "\n";
        return false;
    }
    commit_temporary(tmp, path);
    note_written_file(path);  // the run record lists the plots this run drew
    return true;
}

}  // namespace

bool available() { return !gnuplot_path().empty(); }

bool save_png(const Figure& fig, const std::string& path) {
    const std::string term = "pngcairo noenhanced size " + std::to_string(fig.width) + "," +
                             std::to_string(fig.height) + " font 'DejaVu Sans,11'";
    return render(term, {fig}, path);
}

bool save_gif(const std::vector<Figure>& frames, const std::string& path, int delay) {
    if (frames.empty()) return false;
    const std::string term = "gif noenhanced animate delay " + std::to_string(delay) + " loop 0 size " +
                             std::to_string(frames.front().width) + "," +
                             std::to_string(frames.front().height);
    return render(term, frames, path, true);
}

std::string color(int i) {
    // Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
    static const char* const palette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
                                          "#56B4E9", "#F0E442", "#000000", "#999999", "#882255"};
    return palette[static_cast<unsigned>(i) % 10];
}

}  // namespace vae::plot
