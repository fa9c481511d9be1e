#pragma once
#include "datasets/Dataset.h"

#include <cstdint>

namespace dq {

// Peak signal-to-noise ratio of two 8-bit images, in dB: 10 log10(255^2 / MSE) over all
// pixels and channels. Identical images give +infinity. Throws dq::Error unless the
// shapes match (and are not empty).
double psnr(const Image& a, const Image& b);

// Structural similarity (Wang, Bovik, Sheikh, Simoncelli 2004), as skimage's
// structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
// data_range=255, channel_axis=-1) computes it, which is the paper's definition: an 11-tap
// Gaussian window of sigma 1.5 (skimage's truncate 3.5), K1 = 0.01, K2 = 0.03, population
// (co)variances, the SSIM map averaged over the pixels whose window lies inside the image
// (skimage crops the 5-pixel border), each channel separately, then the mean over
// channels. MATLAB's ssim() differs only at the border (it pads and keeps it).
// Throws dq::Error unless the shapes match and are at least 11 x 11.
double ssim(const Image& a, const Image& b);
// ssim() where the images are large enough for its 11 x 11 window, else NaN (no value).
double ssimOrNan(const Image& a, const Image& b);

// Mean PSNR and SSIM over a set of images. Identical pairs (PSNR +inf) are counted apart
// and left out of the PSNR mean, which is over the finite values only.
struct QualityTotals {
    std::int64_t images = 0;
    std::int64_t identical = 0; // pairs with PSNR +inf
    double psnrSum = 0.0; // finite PSNRs only
    double ssimSum = 0.0;
    std::int64_t withSsim = 0; // images with an SSIM (NaN values are left out)

    void add(double psnrValue, double ssimValue);
    // Adds psnr(original, reconstructed) and ssimOrNan(original, reconstructed).
    void add(const Image& original, const Image& reconstructed);
    void merge(const QualityTotals& other);
    // Over the images - identical finite values; NaN when there are none.
    double meanPsnr() const;
    // NaN when no image had an SSIM.
    double meanSsim() const;
};

} // namespace dq
