// Image decoding for ImageFolder datasets; in libdqtorch with OpenCV's imgcodecs (see the header).
#include "datasets/ImageFileDecoder.h"

#include "common/AtomicFile.h"
#include "common/Error.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <string>

namespace fs = std::filesystem;

namespace dq {
namespace {

Image toImage(const cv::Mat& decoded, const fs::path& file)
{
    cv::Mat m8;
    switch (decoded.depth()) {
    case CV_8U:
        m8 = decoded;
        break;
    case CV_16U:
        decoded.convertTo(m8, CV_8U, 1.0 / 257.0);
        break;
    case CV_32F:
    case CV_64F:
        decoded.convertTo(m8, CV_8U, 255.0);
        break;
    default:
        decoded.convertTo(m8, CV_8U);
        break;
    }
    cv::Mat out;
    switch (m8.channels()) {
    case 1:
        out = m8;
        break;
    case 2:
        cv::extractChannel(m8, out, 0);
        break; // gray + alpha
    case 3:
        cv::cvtColor(m8, out, cv::COLOR_BGR2RGB);
        break;
    case 4:
        cv::cvtColor(m8, out, cv::COLOR_BGRA2RGB);
        break;
    default:
        throw Error(file.string(), "unsupported image with " + std::to_string(m8.channels()) + " channels");
    }
    if (!out.isContinuous())
        out = out.clone();
    Image img;
    img.height = out.rows;
    img.width = out.cols;
    img.channels = out.channels();
    img.pixels.assign(out.data, out.data + out.total() * out.elemSize());
    return img;
}

} // namespace

Image decodeImageFile(const fs::path& path)
{
    const std::string bytes = readFileBytes(path);
    cv::Mat decoded;
    if (!bytes.empty()) {
        try {
            const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8U, const_cast<char*>(bytes.data()));
            decoded = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
        } catch (const cv::Exception& e) {
            throw Error(path.string(), std::string("cannot decode image: ") + e.what());
        }
    }
    if (decoded.empty())
        throw Error(path.string(), "cannot decode image");
    return toImage(decoded, path);
}

} // namespace dq
