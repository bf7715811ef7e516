"""Train the learned event coder's model (src/eventwire/data/event_model.npz).

Data (all from ../shared; never the news test split, never the PLOVER GSR or PETRARCH suites):
- gold/events/plv_train: 1,050 sentences with a marked source and target and their PLOVER root
  (v0.5 YIELD → RETREAT when the act took material effect, else CONCEDE), for the type head; the
  candidates of those sentences with the marked source but another target are argument negatives;
- the news gold standard's dev split: every candidate the coder finds in its sentences, labelled
  with the type of the gold event whose source and target it matches, or NONE (non-events);
- the news training extension (benchmarks/news/build_extension.py), labelled the same way; it
  trains in every fold and is never scored;
- gold/events/ngec_synthetic enters through the sentence type classifier's guess (a feature),
  which scripts/train_plover_classifier.py trains on those stories.
Two heads over hashed features (model.py): event or no event (structural features, real news
only, class-balanced) and the PLOVER type (all features, labelled events only). Dev figures are
out-of-fold (5 folds by article); the isotonic calibration is fitted on those out-of-fold scores
of the readings the coder keeps; the relevance model is fitted on the dev articles' topics.

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

from benchmarks.news.build_extension import EXTENSION_GOLD  # noqa: E402
from benchmarks.news.gold import document_text  # noqa: E402
from benchmarks.news.import_labels import EXTENSION_PATH  # noqa: E402
from benchmarks.news.score import POLITICAL_TOPICS, load_gold, overlaps  # noqa: E402
from eventwire.coding.defaults import dependency_coder  # noqa: E402
from eventwire.coding.flags import modality  # noqa: E402
from eventwire.coding.learned.calibration import expected_calibration_error, reliability  # noqa: E402
from eventwire.coding.learned.coder import REQUEST_LEMMAS, LearnedCoder, flag_names, reading_key  # noqa: E402
from eventwire.coding.learned.features import (  # noqa: E402
    WIDTH,
    candidate_features,
    hashed,
    marked_sentence,
    structural,
)
from eventwire.coding.learned.model import MODEL_FILE, NONE, EventModel, type_and_score  # noqa: E402
from eventwire.coding.learned.relevance import article_features  # noqa: E402
from eventwire.model import Actor, ActorMention, Article  # noqa: E402
from eventwire.paths import DATA_DIR, shared_path  # noqa: E402
from eventwire.pipeline import PipelineConfig, get_pipeline  # noqa: E402

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")  # fmt: skip
MATERIAL_YIELD = re.compile(r"withdr|releas|freed|free[sd]? |return|resign|lift|pull|handed|evacuat|disarm", re.I)
ANNOTATION_STAGES = ("parse", "actors", "quotes", "speakers", "timexes")
C = 0.5
C_EVENT = 0.5
PLV_EVENT_WEIGHT = 0.0
FOLDS = 5
# Weight of a news dev candidate against a PLOVER training pair: real news is the target domain.
NEWS_WEIGHT = 2.0
# Non-events outnumber events about 25 to 1 among news candidates; down-weighting them lets the
# model name a type at all (the calibration then restores honest probabilities).
NONE_WEIGHT = 0.3
# The marked sentences of the last news_rows call (scripts/compare_backbones.py encodes them).
NEWS_MARKED: list[str] = []
UNKNOWN = Actor("unknown", "", None, None, None)


def annotate(texts: list[tuple[str, str | None]]):
    pipeline = get_pipeline(PipelineConfig(stages=ANNOTATION_STAGES))
    return list(pipeline.pipe([Article(text=t, published=p) for t, p in texts], keep_parse=True))


def plv_rows(coder) -> tuple[list[list[int]], list[str], list[list[int]]]:
    """Features and labels of the marked PLOVER training pairs, and the candidates of the same
    sentences with the marked source but another target (or none): argument-choice negatives."""
    path = shared_path("gold", "events", "plv_train", "PLV_train.tsv")
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    docs = annotate([(r["sentence"], None) for r in rows])
    X, y, wrong = [], [], []
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
            sentence,
            text,
            trigger,
            source,
            target,
            plover.type if plover else None,
            guess,
            flags,
            "dictionary" if plover else "parse",
        )
        label = row["gold_root"].upper()
        if label == "YIELD":
            label = "RETREAT" if MATERIAL_YIELD.search(sentence.text) else "CONCEDE"
        X.append((hashed(feats), hashed(structural(feats))))
        y.append(label)
        for item in coder.scored_candidates(document):
            cand = item.candidate
            if not (cand.source.start < src[1] and src[0] < cand.source.end):
                continue
            if tgt is None:
                same_target = cand.target is None
            else:
                same_target = cand.target is not None and cand.target.start < tgt[1] and tgt[0] < cand.target.end
            if not same_target:
                wrong.append((item.columns, item.event_columns))
    return X, y, wrong


def _span(text: str, value: str) -> tuple[int, int] | None:
    value = (value or "").strip()
    at = text.find(value) if value else -1
    return (at, at + len(value)) if at >= 0 else None


def _mention(actors, span, text) -> ActorMention:
    found = [m for m in actors if m.start < span[1] and span[0] < m.end]
    return found[0] if found else ActorMention(span[0], span[1], text[span[0] : span[1]], UNKNOWN)


def news_rows(coder, gold=None):
    """Candidates of news articles (the dev split unless ``gold`` says otherwise): features,
    labels, article groups, and article rows."""
    gold = gold or load_gold(split="dev")
    by_doc = defaultdict(list)
    for s in gold.sentences:
        by_doc[(s.path, s.text_kind, s.published)].append(s)
    keys = list(by_doc)
    docs = annotate([(document_text(p, k), pub) for p, k, pub in keys])
    X, y, groups, articles, readings, dictionary, marked = [], [], [], [], [], [], []
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
            X.append((item.columns, item.event_columns))
            y.append(label)
            groups.append(g)
            readings.append((g, *reading_key(cand), cand.trigger.lemma_.lower() in REQUEST_LEMMAS))
            plover = coder.dictionary.ontology.plover(cand.coding.code) if cand.coding is not None else None
            dictionary.append((plover.type if plover else None, cand.reading))
            source, target = cand.source, cand.target
            marked.append(
                marked_sentence(
                    cand.sentence.text, cand.sentence.start_char, (source.start, source.end),
                    (target.start, target.end) if target else None,
                )
            )  # fmt: skip
    n_gold = sum(len(v) for v in gold.events.values())
    NEWS_MARKED[:] = marked
    return X, y, np.array(groups), articles, n_gold, readings, dictionary


def matrices(rows: list[tuple[list[int], list[int]]]) -> tuple[csr_matrix, csr_matrix]:
    """The type head's and the event head's feature matrices."""
    return matrix([r[0] for r in rows]), matrix([r[1] for r in rows])


def matrix(rows: list[list[int]]) -> csr_matrix:
    data = np.ones(sum(len(r) for r in rows), dtype=np.float32)
    indices = np.array([i for r in rows for i in r], dtype=np.int64)
    indptr = np.cumsum([0] + [len(r) for r in rows])
    return csr_matrix((data, indices, indptr), shape=(len(rows), WIDTH))


def news_weights(labels: np.ndarray) -> np.ndarray:
    return np.where(labels == NONE, NEWS_WEIGHT * NONE_WEIGHT, NEWS_WEIGHT)


def fit(X, y, weights, seed):
    """The two heads: types from the labelled events only, event/no-event from every row."""
    Xt, Xe = X
    events = y != NONE
    types = LogisticRegression(C=C, max_iter=300, random_state=seed)
    types.fit(Xt[events], y[events], sample_weight=weights[events])
    event = LogisticRegression(C=C_EVENT, max_iter=1000, random_state=seed, class_weight="balanced")
    event.fit(Xe, events, sample_weight=np.where(weights == 1.0, PLV_EVENT_WEIGHT, weights))
    return types, event


def decide(heads, X, fixed):
    """Types and raw scores as the coder reads the model (EventModel.decide)."""
    types, event = heads
    return type_and_score(types.predict_proba(X[0]), event.predict_proba(X[1])[:, 1], list(types.classes_), fixed)


def chosen(readings: list[tuple], raw: np.ndarray) -> np.ndarray:
    """The candidates the coder emits at threshold 0: the most confident of each reading."""
    best: dict[tuple, int] = {}
    for i, key in enumerate(readings):
        key = key[:-1]
        if key not in best or raw[i] > raw[best[key]]:
            best[key] = i
    mask = np.zeros(len(readings), dtype=bool)
    mask[list(best.values())] = True
    return mask


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-extension", action="store_true", help="train without the news training extension")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    # Candidates and features need no model: the coder is built without one to train it.
    coder = LearnedCoder("eventwire.learned.v2", dependency_coder("eventwire.dependency.v3"), None)
    Xp, yp, wrong = plv_rows(coder)
    Xp, yp = Xp + wrong, yp + [NONE] * len(wrong)
    Xn, yn, groups, articles, n_gold, readings, dictionary = news_rows(coder)
    n_dev = len(yn)
    fold_of = rng.permutation(groups.max() + 1) % FOLDS
    folds = fold_of[groups]
    if EXTENSION_GOLD.exists() and not args.no_extension:
        # The extension trains in every fold and is never scored: dev figures stay dev figures.
        Xx, yx, _, _, _, rx, dx = news_rows(coder, load_gold(EXTENSION_GOLD, corpus_path=EXTENSION_PATH))
        print(f"extension candidates={len(yx)} (events {sum(v != NONE for v in yx)})")
        Xn, yn = Xn + Xx, yn + yx
        readings += [("x", *r[1:]) for r in rx]
        dictionary += dx
        folds = np.concatenate([folds, np.full(len(yx), -1)])
    print(
        f"plv_train rows={len(yp)} (argument negatives {len(wrong)})  news dev candidates={n_dev} "
        f"(events {sum(v != NONE for v in yn[:n_dev])})  gold={n_gold}"
    )
    Mp, Mn = matrices(Xp), matrices(Xn)
    yp_a, yn_a = np.array(yp), np.array(yn)
    oof_type, oof_raw = np.empty(len(yn), dtype=object), np.zeros(len(yn))
    for f in range(FOLDS):
        train = folds != f
        X = tuple(vstack([p, n[train]]).tocsr() for p, n in zip(Mp, Mn, strict=True))
        y = np.concatenate([yp_a, yn_a[train]])
        w = np.concatenate([np.ones(len(yp)), news_weights(yn_a[train])])
        model = fit(X, y, w, args.seed)
        types, raw = decide(
            model, tuple(n[~train] for n in Mn), [d[0] for d, t in zip(dictionary, train, strict=True) if not t]
        )
        oof_type[~train], oof_raw[~train] = types, raw
    # Figures and calibration on the dev candidates only (the extension was never held out).
    readings, dictionary, folds = readings[:n_dev], dictionary[:n_dev], folds[:n_dev]
    oof_raw, labels = oof_raw[:n_dev], yn[:n_dev]
    oof_type = np.array(
        [("REQUEST" if r[-1] else t) for t, r in zip(oof_type[:n_dev], readings, strict=True)], dtype=object
    )
    emitted = chosen(readings, oof_raw)
    yarr = np.array(labels, dtype=object)
    dict_type = np.array([d[0] for d in dictionary], dtype=object)
    origin = np.array([d[1] for d in dictionary], dtype=object)
    print("candidates by origin: n, arguments right, and of those typed right by the dictionary / by the type head")
    for name in ("dictionary", "variant", "parse"):
        m = origin == name
        print(
            f"  {name:10s} {m.sum():5d} {(m & (yarr != NONE)).sum():4d} "
            f"{(m & (dict_type == yarr)).sum():4d} {(m & (oof_type == yarr)).sum():4d}"
        )
    correct = np.array([t is not None and t == lab for t, lab in zip(oof_type, labels, strict=True)])
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(oof_raw[emitted], correct[emitted])
    # The calibration's own error, out of fold: fit on four folds' scores, measure on the fifth.
    cal = np.zeros(n_dev)
    for f in range(FOLDS):
        part = (folds == f) & emitted
        rest = (folds != f) & emitted
        cal[part] = (
            IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1)
            .fit(oof_raw[rest], correct[rest])
            .predict(oof_raw[part])
        )
    print(
        f"out-of-fold dev: readings={emitted.sum()} right={correct[emitted].sum()} "
        f"(right among all candidates {correct.sum()}) "
        f"ECE={expected_calibration_error(cal[emitted], correct[emitted]):.3f}"
    )
    print("reliability (bin, n, mean confidence, accuracy):")
    for row in reliability(cal[emitted], correct[emitted]):
        print("  ", row[0], row[1], f"{row[2]:.2f}", f"{row[3]:.2f}")
    ranked = correct[np.argsort(-np.where(emitted, oof_raw, -1.0))][: emitted.sum()]
    hits = np.cumsum(ranked)
    print(
        f"average precision (of the {n_gold} gold events): {float((hits / np.arange(1, len(ranked) + 1))[ranked].sum() / n_gold):.3f}"
    )
    print("threshold  events  precision  recall(of gold)  F1")
    for t in (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        kept = emitted & (cal >= t)
        p = correct[kept].sum() / max(kept.sum(), 1)
        r = correct[kept].sum() / n_gold
        print(f"  {t:.2f}  {kept.sum():5d}  {p:.3f}  {r:.3f}  {2 * p * r / max(p + r, 1e-9):.3f}")
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
    types, event = fit(tuple(vstack([p, n]).tocsr() for p, n in zip(Mp, Mn, strict=True)), np.concatenate([yp_a, yn_a]),
                       np.concatenate([np.ones(len(yp)), news_weights(yn_a)]), args.seed)  # fmt: skip
    order = [list(types.classes_).index(c) for c in TYPES]
    EventModel(
        rows=np.ascontiguousarray(types.coef_[order].T).astype(np.float16),
        intercept=types.intercept_[order].astype(np.float32),
        classes=TYPES,
        event_weights=event.coef_[0].astype(np.float16),
        event_bias=float(event.intercept_[0]),
        calibration_x=iso.X_thresholds_.astype(np.float32),
        calibration_y=iso.y_thresholds_.astype(np.float32),
        relevance_weights=rel.coef_[0].astype(np.float64),
        relevance_bias=float(rel.intercept_[0]),
        relevance_threshold=threshold,
    ).save(DATA_DIR / MODEL_FILE)
    print(f"wrote {DATA_DIR / MODEL_FILE} ({(DATA_DIR / MODEL_FILE).stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
