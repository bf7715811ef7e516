"""Train the learned event coder's model (src/eventwire/data/event_model.npz).

Data (all from ../shared; never the news test split, never the PLOVER GSR or PETRARCH suites):
- gold/events/plv_train: 1,050 sentences with a marked source and target and their PLOVER root
  (v0.5 YIELD → RETREAT when the act took material effect, else CONCEDE);
- the news gold standard's dev split: every candidate the coder finds in its sentences, labelled
  with the type of the gold event whose source and target it matches, or NONE (non-events);
- gold/events/ngec_synthetic enters through the sentence type classifier's guess (a feature),
  which scripts/train_plover_classifier.py trains on those stories.
The model is a multinomial logistic regression over hashed features (features.py). Dev figures
are out-of-fold (5 folds by article); the isotonic calibration is fitted on those out-of-fold
scores; the relevance model is fitted on the dev articles' topics.

Run: PYTHONPATH=src:. nice .venv/bin/python scripts/train_event_model.py [--seed 13]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, vstack
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.news.gold import document_text  # noqa: E402
from benchmarks.news.score import POLITICAL_TOPICS, load_gold, overlaps  # noqa: E402
from eventwire.coding.defaults import dependency_coder  # noqa: E402
from eventwire.coding.flags import modality  # noqa: E402
from eventwire.coding.learned.calibration import expected_calibration_error, reliability  # noqa: E402
from eventwire.coding.learned.coder import LearnedCoder, flag_names  # noqa: E402
from eventwire.coding.learned.features import WIDTH, candidate_features, hashed  # noqa: E402
from eventwire.coding.learned.model import MODEL_FILE, NONE, EventModel  # noqa: E402
from eventwire.coding.learned.relevance import article_features  # noqa: E402
from eventwire.model import Actor, ActorMention, Article  # noqa: E402
from eventwire.paths import DATA_DIR, shared_path  # noqa: E402
from eventwire.pipeline import PipelineConfig, get_pipeline  # noqa: E402

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")  # fmt: skip
CLASSES = (*TYPES, NONE)
MATERIAL_YIELD = re.compile(r"withdr|releas|freed|free[sd]? |return|resign|lift|pull|handed|evacuat|disarm", re.I)
ANNOTATION_STAGES = ("parse", "actors", "quotes", "speakers", "timexes")
C = 0.5
FOLDS = 5
# Weight of a news dev candidate against a PLOVER training pair: real news is the target domain.
NEWS_WEIGHT = 2.0
# Non-events outnumber events about 25 to 1 among news candidates; down-weighting them lets the
# model name a type at all (the calibration then restores honest probabilities).
NONE_WEIGHT = 0.3
UNKNOWN = Actor("unknown", "", None, None, None)


def annotate(texts: list[tuple[str, str | None]]):
    pipeline = get_pipeline(PipelineConfig(stages=ANNOTATION_STAGES))
    return list(pipeline.pipe([Article(text=t, published=p) for t, p in texts], keep_parse=True))


def plv_rows(coder) -> tuple[list[list[int]], list[str]]:
    """Features and labels of the marked PLOVER training pairs."""
    path = shared_path("gold", "events", "plv_train", "PLV_train.tsv")
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    docs = annotate([(r["sentence"], None) for r in rows])
    X, y = [], []
    for row, document in zip(rows, docs, strict=True):
        text, doc = document.article.text, document.parse
        src = _span(text, row["source"])
        tgt = _span(text, row["target"])
        if src is None:
            continue
        sentence = next((s for s in doc.sents if s.start_char <= src[0] < s.end_char), None)
        tokens = [t for t in sentence if src[0] <= t.idx < src[1]] if sentence is not None else []
        if not tokens:
            continue
        root = min(tokens, key=lambda t: len(list(t.ancestors)))
        trigger = next((a for a in root.ancestors if a.pos_ in ("VERB", "NOUN")), sentence.root)
        source = _mention(document.actors, src, text)
        target = _mention(document.actors, tgt, text) if tgt else None
        codings = coder.dictionary.codings(doc, document.actors, document.quotes, False, text, {})
        plover = next((coder.dictionary.ontology.plover(c.code) for c in codings if c.reading.lower == trigger), None)
        scores = coder.dictionary.classifier.scores(sentence.text) if coder.dictionary.classifier else {}
        guess = max(scores, key=scores.__getitem__) if scores else None
        flags = flag_names(modality(trigger, document.quotes))
        feats = candidate_features(
            sentence, text, trigger, source, target, plover.type if plover else None, guess, flags
        )
        label = row["gold_root"].upper()
        if label == "YIELD":
            label = "RETREAT" if MATERIAL_YIELD.search(sentence.text) else "CONCEDE"
        X.append(hashed(feats))
        y.append(label)
    return X, y


def _span(text: str, value: str) -> tuple[int, int] | None:
    value = (value or "").strip()
    at = text.find(value) if value else -1
    return (at, at + len(value)) if at >= 0 else None


def _mention(actors, span, text) -> ActorMention:
    found = [m for m in actors if m.start < span[1] and span[0] < m.end]
    return found[0] if found else ActorMention(span[0], span[1], text[span[0] : span[1]], UNKNOWN)


def news_rows(coder):
    """Candidates of the news dev articles: features, labels, article groups, and article rows."""
    gold = load_gold(split="dev")
    by_doc = defaultdict(list)
    for s in gold.sentences:
        by_doc[(s.path, s.text_kind, s.published)].append(s)
    keys = list(by_doc)
    docs = annotate([(document_text(p, k), pub) for p, k, pub in keys])
    X, y, groups, articles = [], [], [], []
    for g, (key, document) in enumerate(zip(keys, docs, strict=True)):
        sentences = by_doc[key]
        political = any(s.topic in POLITICAL_TOPICS for s in sentences)
        articles.append((article_features(document.article.text, document.actors), political, g))
        for item in coder.scored_candidates(document):
            cand = item.candidate
            sent = next((s for s in sentences if s.start <= cand.trigger.idx < s.end), None)
            if sent is None:
                continue
            label = NONE
            for ev in gold.events.get(sent.sid, []):
                same_target = (ev.target is None and cand.target is None) or (
                    cand.target is not None and overlaps(ev.target, cand.target.start, cand.target.end)
                )
                if overlaps(ev.source, cand.source.start, cand.source.end) and same_target:
                    label = ev.type
                    break
            X.append(item.columns)
            y.append(label)
            groups.append(g)
    n_gold = sum(len(v) for v in gold.events.values())
    return X, y, np.array(groups), articles, n_gold


def matrix(rows: list[list[int]]) -> csr_matrix:
    data = np.ones(sum(len(r) for r in rows), dtype=np.float32)
    indices = np.array([i for r in rows for i in r], dtype=np.int64)
    indptr = np.cumsum([0] + [len(r) for r in rows])
    return csr_matrix((data, indices, indptr), shape=(len(rows), WIDTH))


def news_weights(labels: np.ndarray) -> np.ndarray:
    return np.where(labels == NONE, NEWS_WEIGHT * NONE_WEIGHT, NEWS_WEIGHT)


def fit(X, y, weights, seed):
    model = LogisticRegression(C=C, max_iter=300, random_state=seed)
    model.fit(X, y, sample_weight=weights)
    return model


def decide(model, X):
    """The most likely type other than NONE and its probability (as the coder reads the model)."""
    probs = model.predict_proba(X)
    classes = list(model.classes_)
    masked = probs.copy()
    masked[:, classes.index(NONE)] = -1
    best = masked.argmax(axis=1)
    return [classes[b] for b in best], probs[np.arange(len(best)), best]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    # Candidates and features need no model: the coder is built without one to train it.
    coder = LearnedCoder("eventwire.learned.v1", dependency_coder("eventwire.dependency.v3"), None)
    Xp, yp = plv_rows(coder)
    Xn, yn, groups, articles, n_gold = news_rows(coder)
    print(
        f"plv_train pairs={len(yp)}  news dev candidates={len(yn)} (events {sum(v != NONE for v in yn)})  gold={n_gold}"
    )
    Mp, Mn = matrix(Xp), matrix(Xn)
    yp_a, yn_a = np.array(yp), np.array(yn)
    fold_of = rng.permutation(groups.max() + 1) % FOLDS
    folds = fold_of[groups]
    oof_type, oof_raw = np.empty(len(yn), dtype=object), np.zeros(len(yn))
    for f in range(FOLDS):
        train = folds != f
        X = vstack([Mp, Mn[train]])
        y = np.concatenate([yp_a, yn_a[train]])
        w = np.concatenate([np.ones(len(yp)), news_weights(yn_a[train])])
        model = fit(X, y, w, args.seed)
        types, raw = decide(model, Mn[~train])
        oof_type[~train], oof_raw[~train] = types, raw
    emitted = np.ones(len(yn), dtype=bool)
    correct = np.array([t is not None and t == lab for t, lab in zip(oof_type, yn, strict=True)])
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(oof_raw[emitted], correct[emitted])
    # The calibration's own error, out of fold: fit on four folds' scores, measure on the fifth.
    cal = np.zeros(len(yn))
    for f in range(FOLDS):
        part = (folds == f) & emitted
        rest = (folds != f) & emitted
        cal[part] = (
            IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1)
            .fit(oof_raw[rest], correct[rest])
            .predict(oof_raw[part])
        )
    print(
        f"out-of-fold dev: emitted={emitted.sum()} right={correct.sum()} "
        f"ECE={expected_calibration_error(cal[emitted], correct[emitted]):.3f}"
    )
    print("reliability (bin, n, mean confidence, accuracy):")
    for row in reliability(cal[emitted], correct[emitted]):
        print("  ", row[0], row[1], f"{row[2]:.2f}", f"{row[3]:.2f}")
    print("threshold  events  precision  recall(of gold)")
    for t in (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        kept = emitted & (cal >= t)
        p = correct[kept].sum() / max(kept.sum(), 1)
        print(f"  {t:.1f}  {kept.sum():5d}  {p:.3f}  {correct[kept].sum() / n_gold:.3f}")
    # Relevance: logistic model on article counts; threshold keeps 95% of political articles.
    A = np.array([a[0] for a in articles])
    pol = np.array([a[1] for a in articles])
    rel = LogisticRegression(C=1.0, max_iter=1000, random_state=args.seed).fit(A, pol)
    scores = rel.predict_proba(A)[:, 1]
    threshold = float(np.quantile(scores[pol], 0.05)) if pol.any() else 0.5
    print(
        f"relevance: threshold={threshold:.3f} political kept={np.mean(scores[pol] >= threshold):.2f} "
        f"non-political kept={np.mean(scores[~pol] >= threshold):.2f}"
    )
    final = fit(vstack([Mp, Mn]), np.concatenate([yp_a, yn_a]),
                np.concatenate([np.ones(len(yp)), news_weights(yn_a)]), args.seed)  # fmt: skip
    order = [list(final.classes_).index(c) for c in CLASSES]
    coef = final.coef_[order]
    EventModel(
        rows=np.ascontiguousarray(coef.T).astype(np.float16),
        intercept=final.intercept_[order].astype(np.float32),
        classes=CLASSES,
        calibration_x=iso.X_thresholds_.astype(np.float32),
        calibration_y=iso.y_thresholds_.astype(np.float32),
        relevance_weights=rel.coef_[0].astype(np.float64),
        relevance_bias=float(rel.intercept_[0]),
        relevance_threshold=threshold,
    ).save(DATA_DIR / MODEL_FILE)
    print(f"wrote {DATA_DIR / MODEL_FILE} ({(DATA_DIR / MODEL_FILE).stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
