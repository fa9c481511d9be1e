#include "tour/FashionMnistTour.h"

#include "MainWindow.h"
#include "panels/ParametersPanel.h"
#include "pipeline/EvaluationText.h"
#include "pipeline/Pipeline.h"
#include "views/PixelView.h"
#include "views/SampleGridView.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace dqui {
namespace {

const QString kSpec = QStringLiteral("fashion-mnist");

bool fashionOpen(MainWindow& w) { return w.pipeline()->dataset() && w.pipeline()->dataset()->spec == kSpec; }

// Runs `then` once Fashion-MNIST is open (at once when it already is).
void withFashionMnist(MainWindow& w, std::function<void()> then)
{
    if (fashionOpen(w)) {
        then();
        return;
    }
    auto done = std::make_shared<QMetaObject::Connection>();
    auto failed = std::make_shared<QMetaObject::Connection>();
    *done = QObject::connect(w.pipeline(), &Pipeline::runFinished, &w, [done, failed, then](Stage s) {
        if (s != Stage::Dataset)
            return;
        QObject::disconnect(*done);
        QObject::disconnect(*failed);
        then();
    });
    *failed = QObject::connect(w.pipeline(), &Pipeline::stageFailed, &w, [done, failed] {
        QObject::disconnect(*done);
        QObject::disconnect(*failed);
    });
    w.openDataset(kSpec);
}

// Pixels as features: the tour's bins appear in seconds on a laptop.
void quickParameters(MainWindow& w)
{
    StudioParameters p = w.parametersPanel()->parameters();
    if (p.model != QLatin1String("pixels")) {
        p.model = QStringLiteral("pixels");
        w.parametersPanel()->setParameters(p);
    }
}

// Shows `view` and runs the Pixels stage (and what it needs) unless it is up to date: a
// step reached by skipping the ones before still has something to show.
void showAfterPixels(MainWindow& w, MainWindow::View view)
{
    quickParameters(w);
    withFashionMnist(w, [&w, view] {
        w.showView(view);
        if (!w.pipeline()->isUpToDate(Stage::Pixel))
            w.runStage(Stage::Pixel);
    });
}

// Images a second the evaluation's default recipe (ConvNet-3 width 32) trains and tests on 2
// CPU cores (docs/benchmarks.md, bench_evaluate: 2,888 measured; a little less, for laptops
// that share their cores): for the time the tour announces.
constexpr double kEvaluationImagesPerSecond = 2500;

// The tour's evaluation: one seed, so that it ends in a few minutes.
StudioParameters tourEvaluation(const StudioParameters& p)
{
    StudioParameters q = p;
    q.evalSeeds = 1;
    q.evalFull = false;
    q.evalRatios.clear();
    return q;
}

// Minutes the tour's evaluation takes: every subset, seed and epoch trains on the kept
// images and tests on the 10,000 test images.
double evaluationMinutes(const StudioParameters& p)
{
    const double kept = p.ratio * 60000, test = 10000;
    const int subsets = 1 + int(p.evalRandom) + int(p.evalReconstructed);
    return subsets * p.evalSeeds * p.evalEpochs * (kept + test) / kEvaluationImagesPerSecond / 60.0;
}

QString evaluationText(MainWindow& w)
{
    const auto e = w.pipeline()->evaluation();
    if (fashionOpen(w) && e && w.pipeline()->isUpToDate(Stage::Evaluate)) {
        QString text = QStringLiteral("<p>%1</p>").arg(EvaluationText::summary(e->result).toHtmlEscaped());
        if (const QString cost = EvaluationText::reconstructionCost(e->result); !cost.isEmpty())
            text += QStringLiteral("<p>%1</p>").arg(cost.toHtmlEscaped());
        return text + FashionMnistTour::tr("<p>Measured just now on 10,000 test pictures the networks had never seen. "
                                           "More seeds and epochs (Evaluate, in the parameters) make the "
                                           "comparison firmer.</p>");
    }
    const StudioParameters p = tourEvaluation(w.parametersPanel()->parameters());
    return FashionMnistTour::tr("<p>Does the small part teach as well? A fresh network learns from the kept "
                                "pictures only, another from as many pictures picked at random, and both are "
                                "tested on 10,000 pictures they have never seen.</p><p>This takes about %1 "
                                "minutes on a laptop.</p>")
        .arg(std::max(1, static_cast<int>(std::lround(evaluationMinutes(p)))));
}

} // namespace

QList<TourStep> FashionMnistTour::steps(MainWindow& window)
{
    MainWindow* w = &window;
    QList<TourStep> s;
    s.push_back({tr("Too many pictures"),
                 tr("<p>Fashion-MNIST holds <b>60,000</b> small pictures of clothes in 10 kinds: T-shirts, trousers, "
                    "shoes, bags and more.</p><p>Teaching a computer with all of them takes time and storage. "
                    "<b>Dataset Quantization</b> picks a small part meant to teach nearly as well as the whole; "
                    "the last step measures how well it does.</p>"),
                 tr("Show me the pictures"), [w] {
                     withFashionMnist(*w, [w] { w->showView(MainWindow::View::Dataset); });
                     w->showView(MainWindow::View::Dataset);
                 }});
    s.push_back({tr("Group similar pictures into bins"),
                 tr("<p>Every picture becomes a dot; similar pictures lie close together.</p><p>Then the pictures "
                    "are dealt into <b>bins</b>: bin 0 gets the pictures that stand for the whole collection best, "
                    "bin 1 the best of the rest, and so on, down to the unusual ones. Each colour is one bin.</p>"),
                 tr("Make the bins"), [w] {
                     quickParameters(*w);
                     withFashionMnist(*w, [w] {
                         w->showView(MainWindow::View::Embedding);
                         w->runStage(Stage::Bins);
                     });
                 }});
    s.push_back({tr("Take a few from every bin"),
                 tr("<p>Now keep the same small share of <b>every</b> bin, and of every kind of clothing in it: "
                    "here one picture in eight.</p><p>Because every bin is sampled, the rare pictures survive too, "
                    "not only the common ones. The kept pictures have a dark corner.</p>"),
                 tr("Keep one in eight"), [w] {
                     quickParameters(*w);
                     withFashionMnist(*w, [w] {
                         w->sampleGrid()->setShow(SampleGridView::Show::Kept);
                         w->showView(MainWindow::View::Samples);
                         w->runStage(Stage::Sample);
                     });
                 }});
    s.push_back({tr("Keep only the telling patches"),
                 tr("<p>Each kept picture is cut into small squares, <b>patches</b>. A network that has learnt the "
                    "kinds of clothes shows which patches made it decide: the <b>heatmap</b>, red where it looks, blue "
                    "where it does not.</p><p>The dullest patches, one in five here, are dropped and not stored. The "
                    "first time, two small networks learn from the pictures for this: a few minutes.</p>"),
                 tr("Drop the dull patches"), [w] { showAfterPixels(*w, MainWindow::View::Pixels); }});
    s.push_back({tr("Paint the rest back"),
                 tr("<p>A model that has seen many pictures of clothes paints the dropped patches back from the kept "
                    "ones. Compare the painted picture with the original: the numbers under it say how close it is "
                    "(higher is closer).</p><p>Move the <b>mask ratio</b> slider: drop more patches and the painting "
                    "gets harder.</p>"),
                 tr("Show the painted pictures"), [w] {
                     showAfterPixels(*w, MainWindow::View::Pixels);
                     w->pixelView()->setMaskRatio(0.5);
                 }});
    s.push_back({tr("What you keep"),
                 tr("<p>The kept pictures are a small part of the data, and only their telling patches are stored."
                    "</p><p><b>Export</b> writes the list of kept pictures, the bins, the painted pictures and a "
                    "report to share.</p>"),
                 tr("Show the savings"), [w] { showAfterPixels(*w, MainWindow::View::Storage); }});
    TourStep teach{tr("Does it teach?"), QString(), tr("Train and compare"), [w] {
                       quickParameters(*w);
                       w->parametersPanel()->setParameters(tourEvaluation(w->parametersPanel()->parameters()));
                       withFashionMnist(*w, [w] {
                           w->showView(MainWindow::View::Evaluate);
                           if (!w->pipeline()->isUpToDate(Stage::Evaluate))
                               w->runStage(Stage::Evaluate);
                       });
                   }};
    teach.textNow = [w] { return evaluationText(*w); };
    s.push_back(teach);
    return s;
}

} // namespace dqui
