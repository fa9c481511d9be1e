#include "pixel/internal/ImageQuality.h"

#include "common/Error.h"

#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace dq {
namespace {

constexpr int kRadius = 5; // int(3.5 * 1.5 + 0.5): skimage's 11-tap window
constexpr double kSigma = 1.5;
constexpr double kK1 = 0.01;
constexpr double kK2 = 0.03;
constexpr double kPeak = 255.0;

std::string shapeOf(const Image& m)
{
    return std::to_string(m.height) + " x " + std::to_string(m.width) + " x " + std::to_string(m.channels);
}

void checkPair(const Image& a, const Image& b, const char* what)
{
    const bool valid = a.height > 0 && a.width > 0 && a.channels > 0 &&
                       a.pixels.size() == static_cast<std::size_t>(a.height) * a.width * a.channels;
    if (!valid || a.height != b.height || a.width != b.width || a.channels != b.channels ||
        a.pixels.size() != b.pixels.size())
        throw Error(what, "images must have the same non-empty shape, got " + shapeOf(a) + " and " + shapeOf(b));
}

std::array<double, 2 * kRadius + 1> gaussianWindow()
{
    std::array<double, 2 * kRadius + 1> w{};
    double sum = 0;
    for (int i = -kRadius; i <= kRadius; ++i)
        sum += w[static_cast<std::size_t>(i + kRadius)] = std::exp(-0.5 * i * i / (kSigma * kSigma));
    for (double& v : w)
        v /= sum;
    return w;
}

// The Gaussian-weighted mean of every full window: (h - 10) x (w - 10) values.
std::vector<double> filterValid(const std::vector<double>& in, int h, int w)
{
    static const auto g = gaussianWindow();
    const int ow = w - 2 * kRadius, oh = h - 2 * kRadius;
    std::vector<double> rows(static_cast<std::size_t>(h) * ow);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < ow; ++x) {
            double s = 0;
            const double* p = &in[static_cast<std::size_t>(y) * w + x];
            for (int k = 0; k <= 2 * kRadius; ++k)
                s += g[static_cast<std::size_t>(k)] * p[k];
            rows[static_cast<std::size_t>(y) * ow + x] = s;
        }
    std::vector<double> out(static_cast<std::size_t>(oh) * ow);
    for (int y = 0; y < oh; ++y)
        for (int x = 0; x < ow; ++x) {
            double s = 0;
            for (int k = 0; k <= 2 * kRadius; ++k)
                s += g[static_cast<std::size_t>(k)] * rows[static_cast<std::size_t>(y + k) * ow + x];
            out[static_cast<std::size_t>(y) * ow + x] = s;
        }
    return out;
}

double channelSsim(const Image& a, const Image& b, int c)
{
    const int h = a.height, w = a.width;
    const std::size_t n = static_cast<std::size_t>(h) * w;
    std::vector<double> x(n), y(n), xx(n), yy(n), xy(n);
    for (std::size_t p = 0; p < n; ++p) {
        x[p] = a.pixels[p * a.channels + c];
        y[p] = b.pixels[p * b.channels + c];
        xx[p] = x[p] * x[p];
        yy[p] = y[p] * y[p];
        xy[p] = x[p] * y[p];
    }
    const std::vector<double> ux = filterValid(x, h, w), uy = filterValid(y, h, w);
    const std::vector<double> uxx = filterValid(xx, h, w), uyy = filterValid(yy, h, w), uxy = filterValid(xy, h, w);
    const double c1 = (kK1 * kPeak) * (kK1 * kPeak), c2 = (kK2 * kPeak) * (kK2 * kPeak);
    double sum = 0;
    for (std::size_t p = 0; p < ux.size(); ++p) {
        const double vx = uxx[p] - ux[p] * ux[p];
        const double vy = uyy[p] - uy[p] * uy[p];
        const double vxy = uxy[p] - ux[p] * uy[p];
        sum += ((2 * ux[p] * uy[p] + c1) * (2 * vxy + c2)) / ((ux[p] * ux[p] + uy[p] * uy[p] + c1) * (vx + vy + c2));
    }
    return sum / static_cast<double>(ux.size());
}

} // namespace

double psnr(const Image& a, const Image& b)
{
    checkPair(a, b, "psnr");
    double sse = 0;
    for (std::size_t i = 0; i < a.pixels.size(); ++i) {
        const double d = static_cast<double>(a.pixels[i]) - b.pixels[i];
        sse += d * d;
    }
    if (sse == 0)
        return std::numeric_limits<double>::infinity();
    const double mse = sse / static_cast<double>(a.pixels.size());
    return 10.0 * std::log10(kPeak * kPeak / mse);
}

double ssim(const Image& a, const Image& b)
{
    checkPair(a, b, "ssim");
    if (a.height < 2 * kRadius + 1 || a.width < 2 * kRadius + 1)
        throw Error("ssim", "images must be at least 11 x 11 (the Gaussian window), got " + shapeOf(a));
    double sum = 0;
    for (int c = 0; c < a.channels; ++c)
        sum += channelSsim(a, b, c);
    return sum / a.channels;
}

void QualityTotals::add(double psnrValue, double ssimValue)
{
    ++images;
    if (std::isinf(psnrValue) && psnrValue > 0)
        ++identical;
    else
        psnrSum += psnrValue;
    if (!std::isnan(ssimValue)) {
        ssimSum += ssimValue;
        ++withSsim;
    }
}

void QualityTotals::add(const Image& original, const Image& reconstructed)
{
    add(psnr(original, reconstructed), ssimOrNan(original, reconstructed));
}

double ssimOrNan(const Image& a, const Image& b)
{
    constexpr int kWindow = 11;
    if (a.height < kWindow || a.width < kWindow)
        return std::numeric_limits<double>::quiet_NaN();
    return ssim(a, b);
}

void QualityTotals::merge(const QualityTotals& other)
{
    images += other.images;
    identical += other.identical;
    psnrSum += other.psnrSum;
    ssimSum += other.ssimSum;
    withSsim += other.withSsim;
}

double QualityTotals::meanPsnr() const
{
    const std::int64_t finite = images - identical;
    return finite > 0 ? psnrSum / static_cast<double>(finite) : std::numeric_limits<double>::quiet_NaN();
}

double QualityTotals::meanSsim() const
{
    return withSsim > 0 ? ssimSum / static_cast<double>(withSsim) : std::numeric_limits<double>::quiet_NaN();
}

} // namespace dq
