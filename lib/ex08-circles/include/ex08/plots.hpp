#pragma once
// Exercise 8's pictures. Each returns false when it drew nothing (no gnuplot).
//
//   latent_vs_centre   for each model and latent dimension: the held-out circles' centres,
//                      coloured by that dimension's value. A dimension that tracks x shows
//                      colour bands that change from left to right only.
//   decoded_grid       one model's decoder over a grid of its 2-D latent: does moving along
//                      z_1 move the circle sideways, up and down, or both? Beside it, where
//                      each decoded circle sits, joined into a mesh: square if the code
//                      tracks the axes, turned or sheared if it mixes them.
//   reconstructions    held-out images above their reconstructions by both models.
//   latent_sweep_gif   an animation: each model's decoder along each latent dimension in
//                      turn, the other dimension held at its median.
#include <string>

#include "ex08/models.hpp"
#include "vae/data/circles.hpp"

namespace vae::circles {

bool plot_latent_vs_centre(const std::string& path, const data::CircleImages& test, const TrainedModel& ae,
                           const TrainedModel& vae);
bool plot_decoded_grid(const std::string& path, const TrainedModel& m, int steps = 9);
bool plot_reconstructions(const std::string& path, const data::CircleImages& test, const TrainedModel& ae,
                          const TrainedModel& vae, int count = 10);
bool save_latent_sweep_gif(const std::string& path, const TrainedModel& ae, const TrainedModel& vae,
                           int frames = 16);

// The latent range a grid or sweep covers: per dimension, the 2nd to the 98th percentile of
// the held-out codes (so an autoencoder's arbitrary scale is handled like the VAE's).
// Row 0 holds the lower ends, row 1 the upper ends, row 2 the medians.
Matrix latent_range(const Matrix& codes);

// Images (rows of `images`, each height x width) tiled into one picture, `cols` per row,
// with a one-pixel gap of value `gap` between tiles. Row 0 of the result is the top.
Matrix tile_images(const data::ImageMatrix& images, int height, int width, int cols, double gap = 0.5);

}  // namespace vae::circles
