#pragma once
#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace dqui {

struct StudioParameters;

// The methods the Compare stage offers (DQ, random and core's selection methods, named as
// dq evaluate --methods names them), how DQ Studio words them, and what each needs from
// the Features stage.
class ComparisonMethods {
    Q_DECLARE_TR_FUNCTIONS(ComparisonMethods)

public:
    // "dq", "random", "kcenter", ... in the order of the method list.
    static QStringList all();
    // ccs's difficulty scores (dq select --score).
    static QStringList ccsScores();
    // "EL2N", "forgetting events", "least confidence", ...
    static QString scoreName(const QString& score);
    // "DQ", "Random", "k-center greedy", ...
    static QString displayName(const QString& method);
    // One sentence: what the method keeps.
    static QString description(const QString& method);
    // Whether the method reads a trained network's logits or training dynamics.
    static bool needsTrainedNetwork(const QString& method);
    // Empty when the Features stage's parameters give every chosen method what it needs,
    // else which method misses what, and which parameters to change.
    static QString missingInputs(const StudioParameters& params);
    // Subsets are named <method>-<ratio> (core's SubsetSpec::selected, ::swept, ::randomBudgets).
    // The method's name ("kcenter") and the asked keep ratio (0.125); empty and 0 otherwise.
    static QString methodOf(const std::string& subsetName);
    static double ratioOf(const std::string& subsetName);
};

} // namespace dqui
