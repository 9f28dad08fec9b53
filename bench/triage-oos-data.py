#!/usr/bin/env python3
"""Out-of-scope data for bench/triage-oos and bench/triage: training negatives and mixed-traffic dev sets.

For a data set X (its train and dev splits), every other shared data set is a source of text that X's intents
do not cover. One source is held out from training (H: clinc150, or banking77 for clinc150 and hwu64), so one mixed set
has out-of-scope rows from a source the model never saw as negatives. Test splits are never read.

  candidates X DATA OUT        writes OUT/candidates.csv: the train rows of every other source (text, source,
                               label), to be classified by the model trained on X alone
  select X DATA OUT            reads OUT/candidates-classified.csv (the same rows with `intent,confidence`
                               from `mailroom classify --csv`) and writes:
      OUT/negatives.csv        training negatives: train rows of the sources other than X and H, labels that
                               overlap X removed, at most max(1000, |X train|) rows spread evenly over the
                               source labels (text,label; label = oos)
      OUT/mixed-seen.csv       X dev + as many out-of-scope rows from the DEV splits of the negatives' sources
      OUT/mixed-unseen.csv     X dev + as many out-of-scope rows from H's DEV split (never a negative source)
      OUT/overlap.txt          the source labels left out because X's model maps them to one of its intents

A source label overlaps X when X's model (trained without negatives) sends at least 40% of its train rows,
with a confidence of at least 0.5, to intents that are also close in words (see `overlapping_labels`): such a
label is probably one of X's intents under another name (clinc150's
`transfer` for banking77, another shop's ORDER_STATUS for a HINT3 bot), so it is neither a negative nor an
out-of-scope row in the mixed sets. The decision uses train rows only; the same labels are dropped from dev.

X may also be `default` (the built-in model): its negatives are config/intents/default-negatives.csv (written for
the project), the seen mixed set adds config/intents/default-negatives-dev.csv, and the unseen one adds
clinc150 dev rows. Deterministic: one random.Random(16) per call. Standard library only.
"""

import csv
import math
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

SOURCES = ["banking77", "clinc150", "hwu64", "bitext", "curekart", "powerplay11", "sofmattress", "it_tickets"]
HINT3 = {"curekart", "powerplay11", "sofmattress"}
REPO = Path(__file__).resolve().parent.parent
OVERLAP_SHARE = 0.4
OVERLAP_CONFIDENCE = 0.5
OVERLAP_LIFT = 2
OVERLAP_SIMILARITY = 0.2


def split_path(data, name, split):
    if name == "default":
        return REPO / "config" / "intents" / f"default-{split}.csv"
    if name in HINT3:
        return Path(data) / "hint3" / f"{name}_{split}.csv"
    return Path(data) / name / f"{split}.csv"


def read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return [(row["text"], row["label"]) for row in csv.DictReader(handle)]


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def held_out(name):
    """The source kept out of the negatives: clinc150 (its 150 intents in 10 domains and its `oos` rows), or
    banking77 for the two general assistants (clinc150 and hwu64 share most of their domains)."""
    return "banking77" if name in ("clinc150", "hwu64") else "clinc150"


def other_sources(name):
    return [source for source in SOURCES if source != name]


def fold(text):
    return " ".join(text.casefold().split())


def candidates(name, data, out):
    rows = []
    for source in other_sources(name):
        for text, label in read(split_path(data, source, "train")):
            rows.append((text, source, label))
    write(Path(out) / "candidates.csv", ["text", "source", "label"], rows)


def words(text):
    tokens = re.findall(r"[^\W_]+", text.casefold())
    return tokens + [first + " " + second for first, second in zip(tokens, tokens[1:])]


def centroids(groups, idf):
    """The normalised mean of each group's normalised TF-IDF vectors (word 1-2-grams, sublinear tf)."""
    result = {}
    for key, texts in groups.items():
        total = defaultdict(float)
        for text in texts:
            counts = Counter(words(text))
            vector = {term: (1 + math.log(count)) * idf[term] for term, count in counts.items()}
            norm = math.sqrt(sum(value * value for value in vector.values())) or 1
            for term, value in vector.items():
                total[term] += value / norm
        norm = math.sqrt(sum(value * value for value in total.values())) or 1
        result[key] = {term: value / norm for term, value in total.items()}
    return result


def cosine(first, second):
    if len(first) > len(second):
        first, second = second, first
    return sum(value * second.get(term, 0) for term, value in first.items())


def overlapping_labels(out, train):
    """Source labels that are probably among X's intents: at least 40% of their train rows go, with confidence
    >= 0.5, to intents of X that are close in words (centroid cosine >= 0.2) and at least twice as frequent
    among the label's rows as among all candidates (not a catch-all intent)."""
    groups = defaultdict(list)
    texts = defaultdict(list)
    with open(Path(out) / "candidates-classified.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["source"], row["label"])
            groups[key].append((row["intent"], float(row["confidence"] or 0)))
            texts[key].append(row["text"])
    total = sum(len(predictions) for predictions in groups.values())
    base = Counter(
        intent for predictions in groups.values() for intent, confidence in predictions
        if confidence >= OVERLAP_CONFIDENCE
    )
    intents = defaultdict(list)
    for text, label in train:
        intents[label].append(text)
    frequency = Counter()
    for text in [text for rows in texts.values() for text in rows] + [text for text, _ in train]:
        frequency.update(set(words(text)))
    count = sum(len(rows) for rows in texts.values()) + len(train)
    idf = {term: math.log((1 + count) / (1 + df)) + 1 for term, df in frequency.items()}
    intent_centroids = centroids(intents, idf)
    label_centroids = centroids(texts, idf)
    overlap = {}
    for key, predictions in groups.items():
        confident = Counter(intent for intent, confidence in predictions if confidence >= OVERLAP_CONFIDENCE)
        close = {
            intent: cosine(label_centroids[key], intent_centroids[intent])
            for intent, hits in confident.items()
            if intent in intent_centroids and hits / len(predictions) / (base[intent] / total) >= OVERLAP_LIFT
        }
        close = {intent: similarity for intent, similarity in close.items() if similarity >= OVERLAP_SIMILARITY}
        share = sum(confident[intent] for intent in close) / len(predictions)
        if share >= OVERLAP_SHARE:
            overlap[key] = (" ".join(sorted(close, key=lambda intent: -confident[intent])), share, max(close.values()))
    return overlap


def spread(groups, limit, generator):
    """Up to `limit` rows taken round-robin over the groups (each shuffled), so every label contributes."""
    pools = [list(rows) for _, rows in sorted(groups.items())]
    for pool in pools:
        generator.shuffle(pool)
    taken = []
    while len(taken) < limit and any(pools):
        for pool in pools:
            if pool and len(taken) < limit:
                taken.append(pool.pop())
    return taken


def out_of_scope_groups(sources, data, split, overlap, known):
    groups = defaultdict(list)
    for source in sources:
        for text, label in read(split_path(data, source, split)):
            if (source, label) not in overlap and fold(text) not in known:
                groups[(source, label)].append(text)
    return groups


def select(name, data, out):
    generator = random.Random(16)
    out = Path(out)
    train = read(split_path(data, name, "train"))
    dev = read(split_path(data, name, "dev"))
    known = {fold(text) for text, _ in train + dev}
    overlap = overlapping_labels(out, train)
    with open(out / "overlap.txt", "w", encoding="utf-8") as handle:
        for (source, label), (intent, share, similarity) in sorted(overlap.items()):
            handle.write(f"{source}/{label} -> {intent} (share {share:.2f}, similarity {similarity:.2f})\n")
    if name == "default":
        negatives = [text for text, _ in read(split_path(data, name, "negatives"))]
        seen = [text for text, _ in read(split_path(data, name, "negatives-dev"))]
        unseen = spread(out_of_scope_groups(["clinc150"], data, "dev", overlap, known), len(dev), generator)
    else:
        sources = [source for source in other_sources(name) if source != held_out(name)]
        train_groups = out_of_scope_groups(sources, data, "train", overlap, known)
        negatives = spread(train_groups, max(1000, len(train)), generator)
        seen = spread(out_of_scope_groups(sources, data, "dev", overlap, known), len(dev), generator)
        unseen = spread(out_of_scope_groups([held_out(name)], data, "dev", overlap, known), len(dev), generator)
    write(out / "negatives.csv", ["text", "label"], [(text, "oos") for text in negatives])
    write(out / "mixed-seen.csv", ["text", "label"], dev + [(text, "oos") for text in seen])
    write(out / "mixed-unseen.csv", ["text", "label"], dev + [(text, "oos") for text in unseen])
    print(
        f"{name}: {len(negatives)} negatives, {len(overlap)} overlapping source labels left out, mixed sets "
        f"{len(dev)} in scope + {len(seen)} / {len(unseen)} out of scope",
        file=sys.stderr,
    )


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ("candidates", "select"):
        sys.exit(__doc__)
    command, name, data, out = sys.argv[1:]
    Path(out).mkdir(parents=True, exist_ok=True)
    (candidates if command == "candidates" else select)(name, data, out)


if __name__ == "__main__":
    main()
