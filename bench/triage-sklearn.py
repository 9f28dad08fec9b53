#!/usr/bin/env python3
"""scikit-learn baseline for bench/triage: TF-IDF (word 1-2-grams + char_wb 2-5-grams, sublinear tf) and
LogisticRegression (lbfgs, C=10), trained on TRAIN, measured on DEV with the same metrics as
`mailroom evaluate --json` (its predict_proba maximum as the confidence, uncalibrated). Prints one JSON line.

Usage: triage-sklearn.py TRAIN DEV [THRESHOLD] [NEGATIVES]
With NEGATIVES (a CSV whose text column holds out-of-scope examples), they join TRAIN as the class `oos` (as do
TRAIN rows labelled oos or NO_NODES_DETECTED), the usual way to give this model negatives; a prediction of `oos`
is escalated, like mailroom's out-of-scope predictions."""
import csv
import json
import statistics
import sys
import time

from sklearn_model import OUT_OF_SCOPE as OOS, make_model



def read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [row["text"] for row in rows], [row["label"] for row in rows]


def read_texts(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return [row["text"] for row in csv.DictReader(handle) if row["text"]]


def main():
    train_path, dev_path, threshold = sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 0.75
    texts, labels = read(train_path)
    if len(sys.argv) > 4:
        negatives = read_texts(sys.argv[4])
        labels = ["oos" if label in OOS else label for label in labels] + ["oos"] * len(negatives)
        texts = texts + negatives
    dev_texts, dev_labels = read(dev_path)
    start = time.perf_counter()
    model = make_model()
    model.fit(texts, labels)
    train_seconds = time.perf_counter() - start
    probabilities = model.predict_proba(dev_texts)
    classes = list(model.classes_)
    predicted = [classes[row.argmax()] for row in probabilities]
    confidence = [float(row.max()) for row in probabilities]
    timings = []
    for text in dev_texts[:300]:
        begin = time.perf_counter()
        model.predict_proba([text])
        timings.append((time.perf_counter() - begin) * 1e6)
    known = set(classes)
    n = len(dev_labels)
    out_of_scope = [i for i, y in enumerate(dev_labels) if y in OOS or y not in known]
    outside = set(out_of_scope)
    right = [p == y or (i in outside and p in OOS) for i, (p, y) in enumerate(zip(predicted, dev_labels))]
    bins = [[0, 0.0, 0.0] for _ in range(15)]
    for c, r in zip(confidence, right):
        b = min(14, int(c * 15))
        bins[b][0] += 1
        bins[b][1] += c
        bins[b][2] += r
    ece = sum(abs(b[2] - b[1]) for b in bins) / n
    in_scope = [i for i in range(n) if i not in outside]
    answers = [i for i in range(n) if confidence[i] >= threshold and predicted[i] not in OOS]
    answered = set(answers)
    covered = [i for i in in_scope if i in answered]
    result = {
        "accuracy": sum(right) / n,
        "ece": ece,
        "coverage": len(covered) / max(1, len(in_scope)),
        "autoAccuracy": sum(right[i] for i in covered) / max(1, len(covered)),
        "usPerMessage": statistics.median(timings),
        "trainSeconds": train_seconds,
        "answered": len(answers) / max(1, n),
        "answeredAccuracy": sum(right[i] for i in answers) / max(1, len(answers)),
        "rows": n,
    }
    if in_scope:
        result["intentAccuracy"] = sum(predicted[i] == dev_labels[i] for i in in_scope) / len(in_scope)
    if out_of_scope:
        result["oosRecall"] = sum(1 for i in out_of_scope if i not in answered) / len(out_of_scope)
        result["inScopeAccuracy"] = sum(right[i] for i in covered) / max(1, len(in_scope))
    result.update(target(confidence, predicted, right, 0.95))
    print(json.dumps(result))


def target(confidence, predicted, right, accuracy):
    """The lowest threshold whose automatic answers are at least `accuracy` right (as `mailroom evaluate
    --target-accuracy`), and the share of rows answered at it."""
    order = sorted((i for i in range(len(right)) if predicted[i] not in OOS), key=lambda i: -confidence[i])
    best, hits, position = None, 0, 0
    while position < len(order):
        level = confidence[order[position]]
        while position < len(order) and confidence[order[position]] == level:
            hits += right[order[position]]
            position += 1
        if hits >= accuracy * position - 1e-9:
            best = (level, position)
    if best is None:
        return {"targetAccuracy": accuracy}
    return {"targetAccuracy": accuracy, "targetThreshold": best[0], "targetAnswered": best[1] / max(1, len(right))}


if __name__ == "__main__":
    main()
