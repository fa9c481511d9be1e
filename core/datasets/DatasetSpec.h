#pragma once
#include "datasets/Dataset.h"

#include <string>

namespace dq {

// Opens a dataset from a spec string:
//   fashion-mnist[:DIR]        Fashion-MNIST IDX files (default /usr/share/datasets/fashion-mnist)
//   idx:DIR                    any MNIST-style IDX files (gzip or raw)
//   cifar10:DIR                CIFAR-10, binary (data_batch_N.bin) or Python (cifar-10-batches-py)
//   imagefolder:DIR            torchvision ImageFolder tree (DIR/train, DIR/val|test, or DIR alone)
//                              or a DQ Studio export (DIR/manifest.csv + DIR/images: read in manifest order)
//   npy:FEATURES.npy[,LABELS.npy]  precomputed features and labels
// Throws dq::UsageError for an unknown spec and dq::Error for unreadable data.
DatasetBundle openDataset(const std::string& spec);

// One line per supported spec form, for --help texts.
std::string datasetSpecHelp();

} // namespace dq
