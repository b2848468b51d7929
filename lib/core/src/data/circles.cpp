#include "vae/data/circles.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "vae/rng.hpp"

namespace vae::data {

namespace {

void check_options(const CircleOptions& o) {
    auto fail = [](const std::string& what) { throw std::invalid_argument("make_circles: " + what); };
    if (o.n < 0) fail("n must be >= 0, got " + std::to_string(o.n));
    if (o.height < 1 || o.width < 1) {
        fail("the image needs at least 1 x 1 pixels, got " + std::to_string(o.height) + " x " +
             std::to_string(o.width));
    }
    if (!(o.min_radius > 0) || !(o.max_radius >= o.min_radius) || !std::isfinite(o.max_radius)) {
        fail("radii need 0 < min_radius <= max_radius, got " + std::to_string(o.min_radius) + " and " +
             std::to_string(o.max_radius));
    }
    if (o.style == CircleStyle::Ring && !(o.ring_width > 0 && std::isfinite(o.ring_width))) {
        fail("ring_width must be > 0, got " + std::to_string(o.ring_width));
    }
    if (!(o.margin >= 0 && std::isfinite(o.margin))) {
        fail("margin must be >= 0, got " + std::to_string(o.margin));
    }
    // The largest shape plus its margins on both sides must fit: 2 (R + margin) <= size.
    const double needed = 2.0 * (outer_radius(o.max_radius, o) + o.margin);
    if (needed > std::min(o.height, o.width)) {
        fail("a circle of outer radius " + std::to_string(outer_radius(o.max_radius, o)) + " with margin " +
             std::to_string(o.margin) + " needs " + std::to_string(needed) + " pixels, the image is " +
             std::to_string(o.height) + " x " + std::to_string(o.width));
    }
}

// Uniform on [lo, hi] from one draw of u in (0, 1).
double uniform_between(vae::Rng& rng, double lo, double hi) { return lo + (hi - lo) * rng.uniform(); }

}  // namespace

ImageMatrix CircleImages::image(long k) const {
    return Eigen::Map<const ImageMatrix>(images.row(k).data(), height, width);
}

double outer_radius(double radius, const CircleOptions& options) {
    return options.style == CircleStyle::Ring ? radius + 0.5 * options.ring_width : radius;
}

double circle_pixel_value(double distance, double radius, const CircleOptions& options) {
    // Distance from the pixel's centre to the nearest edge, positive outside the shape:
    //   ring: |d - r| - w/2 (the stroke is the band r - w/2 < d < r + w/2); disc: d - r.
    const double outside = options.style == CircleStyle::Ring
                               ? std::abs(distance - radius) - 0.5 * options.ring_width
                               : distance - radius;
    // Coverage of a unit pixel by a straight edge at that signed distance.
    return std::clamp(0.5 - outside, 0.0, 1.0);
}

void draw_circle(Eigen::Ref<Eigen::RowVectorXf> image, int height, int width, double x, double y,
                 double radius, const CircleOptions& options) {
    for (int row = 0; row < height; ++row) {
        for (int col = 0; col < width; ++col) {
            // Pixel (row, col) is centred on the point (col, row).
            const double d = std::hypot(col - x, row - y);
            image(static_cast<Eigen::Index>(row) * width + col) =
                static_cast<float>(circle_pixel_value(d, radius, options));
        }
    }
}

CircleImages make_circles(const CircleOptions& o) {
    check_options(o);
    CircleImages out;
    out.height = o.height;
    out.width = o.width;
    out.images.resize(o.n, static_cast<Eigen::Index>(o.height) * o.width);
    out.centres.resize(o.n, 2);
    out.radii.resize(o.n);

    vae::Rng rng(o.seed, vae::Stream::Data);
    for (int k = 0; k < o.n; ++k) {
        const double radius =
            o.min_radius < o.max_radius ? uniform_between(rng, o.min_radius, o.max_radius) : o.min_radius;
        // Keep the outer edge `margin` inside [-0.5, size - 0.5] on every side.
        const double edge = outer_radius(radius, o) + o.margin;
        const double x = uniform_between(rng, edge - 0.5, o.width - 0.5 - edge);
        const double y = uniform_between(rng, edge - 0.5, o.height - 0.5 - edge);
        out.radii(k) = radius;
        out.centres(k, 0) = x;
        out.centres(k, 1) = y;
        draw_circle(out.images.row(k), o.height, o.width, x, y, radius, o);
    }
    return out;
}

}  // namespace vae::data
