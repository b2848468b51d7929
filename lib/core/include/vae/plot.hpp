#pragma once
// Plots as PNG files through gnuplot-iostream and gnuplot's pngcairo terminal.
//
// A Figure holds one or more panels laid out in a grid; each panel holds series of rows
// (x y, or x y value for a colour scale, or a matrix for an image). save() writes to a
// temporary file and renames it when gnuplot has finished, so a failed plot leaves no
// half-written PNG. Without gnuplot, save() warns once on stderr and returns false: the
// numbers are still printed.
#include <string>
#include <vector>

namespace vae::plot {

struct Series {
    std::string title;                      // legend entry; "" for none
    std::vector<std::vector<double>> rows;  // one data row per point (columns as `using` says)
    // gnuplot's plot clause after the data: e.g. "using 1:2 with points pt 7 ps 0.5 lc rgb
    // '#1f77b4'", "using 1:2:3 with points pt 7 ps 0.6 palette", "with lines lw 2".
    std::string style = "using 1:2 with points pt 7 ps 0.5";
    // True when rows is a matrix to draw with `matrix with image` (rows[0] is the top row).
    bool matrix = false;
};

struct Panel {
    std::string title, xlabel, ylabel;
    std::vector<std::string> settings;  // extra gnuplot "set ..." lines for this panel
    std::vector<Series> series;
};

struct Figure {
    std::string title;
    int width = 900, height = 700;  // pixels
    int grid_rows = 1, grid_cols = 1;
    std::vector<Panel> panels;
};

// s as a gnuplot string literal: in double quotes, with " and \ escaped.
std::string quoted(const std::string& s);

// True when a gnuplot executable is on PATH (or in $VAE_GNUPLOT). Checked once.
bool available();

// Writes fig as a PNG at path (folders are created). Returns false if plots were skipped.
bool save_png(const Figure& fig, const std::string& path);

// Writes an animated GIF, one frame per figure, delay in 1/100 s.
bool save_gif(const std::vector<Figure>& frames, const std::string& path, int delay = 10);

// A colour for series i from a palette that stays readable for colour-blind readers.
std::string color(int i);

}  // namespace vae::plot
