#pragma once
// Synthetic images of circles at random positions: the data of exercise 8.
//
// Geometry. Pixel (row i, column j) is the unit square centred on the point (x = j, y = i),
// so the image covers x in [-0.5, width - 0.5] and y in [-0.5, height - 0.5]; row 0 is the
// top. A circle's centre (x, y) is a real point in these units.
//
// Shape. By default a ring: the outline of a circle of radius r drawn with a stroke of
// ring_width pixels (1.5), which looks like a circle drawn with a pen. Disc gives a filled
// circle instead.
//
// Anti-aliasing. A pixel's value is the share of it the shape covers, estimated from the
// distance d between the pixel's centre and the circle's centre. Across an edge the coverage
// of a unit pixel rises from 0 to 1 over one pixel, so
//     ring:  value = clamp(0.5 - (|d - r| - ring_width / 2), 0, 1)
//     disc:  value = clamp(0.5 - (d - r), 0, 1)
// The shape's outer edge is at R = r + ring_width / 2 for a ring and R = r for a disc, and its
// ink reaches pixel centres with d < R + 0.5. Values lie in [0, 1]; pixels that an edge
// crosses get values strictly between.
//
// Placement. The centre is uniform over the positions that keep the shape's outer edge at
// least `margin` pixels inside the image's edge:
//     x in [R + margin - 0.5, width - 0.5 - R - margin], and likewise y.
// With margin >= 1 (the default) the anti-aliased edge never reaches a border pixel, so the
// outermost rows and columns are always 0.
//
// Randomness: vae::Rng(seed, vae::Stream::Data), per image in order: the radius (only when
// min_radius < max_radius), then x, then y. The first n images do not depend on how many
// are made in total.
#include <Eigen/Dense>
#include <cstdint>

#include "vae/matrix.hpp"

namespace vae::data {

enum class CircleStyle { Ring, Disc };

struct CircleOptions {
    int n = 1000;                 // images to make (>= 0)
    int height = 28, width = 28;  // pixels
    double min_radius = 5.0;      // a fixed radius when min_radius == max_radius,
    double max_radius = 5.0;      //   otherwise uniform in [min_radius, max_radius]
    CircleStyle style = CircleStyle::Ring;
    double ring_width = 1.5;  // stroke width of a ring, pixels (ignored by Disc)
    double margin = 1.0;      // gap between the shape's outer edge and the image edge
    std::uint64_t seed = 42;
};

using ImageMatrix = RowMajorMatrix<float>;
using CentreMatrix = Eigen::Matrix<double, Eigen::Dynamic, 2, Eigen::RowMajor>;

struct CircleImages {
    int height = 0, width = 0;
    ImageMatrix images;     // n x (height * width): image k is row k, pixels row by row
    CentreMatrix centres;   // n x 2: (x = column, y = row) in pixel units
    Eigen::VectorXd radii;  // n

    long size() const { return static_cast<long>(images.rows()); }
    // Image k as a height x width matrix (row 0 = top), e.g. for plotting.
    ImageMatrix image(long k) const;
};

// Makes options.n images. Throws std::invalid_argument when an option is out of range or the
// largest shape cannot fit inside the image with the requested margin.
CircleImages make_circles(const CircleOptions& options);

// R above: the distance from the centre to the shape's outer edge.
double outer_radius(double radius, const CircleOptions& options);

// The anti-aliased value of a pixel whose centre is at distance d from the circle's centre.
double circle_pixel_value(double distance, double radius, const CircleOptions& options);

// Draws one circle into a height x width image stored row by row (overwrites every pixel).
void draw_circle(Eigen::Ref<Eigen::RowVectorXf> image, int height, int width, double x, double y,
                 double radius, const CircleOptions& options);

}  // namespace vae::data
