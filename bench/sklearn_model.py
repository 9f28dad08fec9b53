"""The scikit-learn reference model the benchmarks compare against (bench/triage-sklearn.py, bench/e2e_reference.py):
TF-IDF of words (1-2 grams) and characters (2-5 grams) with logistic regression; labels meaning "no intent"."""
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union

OUT_OF_SCOPE = {"oos", "NO_NODES_DETECTED"}


def make_model():
    """A fresh, untrained reference pipeline."""
    return make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
        ),
        LogisticRegression(C=10, max_iter=1000),
    )
