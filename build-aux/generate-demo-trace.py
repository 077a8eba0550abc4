#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate the large demo trace: an Opper GET /v2/traces/{id} body.

An agent reviews a batch of supplier contracts.  For every document it runs a
sub-agent that fetches the file, extracts the text, asks models to pull out
clauses, sometimes runs a nested risk-assessment agent, and saves a summary.
Six workers run in parallel, so spans overlap in time.  A few tool calls and
model calls fail, as they do in real runs.

The output is deterministic (seeded random, no clock, no environment), so the
build is reproducible.  Python 3 standard library only.

    generate-demo-trace.py OUTPUT [--spans N] [--seed S]
"""

import argparse
import json
import os
import random
import sys
import uuid
from datetime import datetime, timedelta, timezone

START = datetime(2025, 11, 18, 22, 0, 0, 137000, tzinfo=timezone.utc)
WORKERS = 6

SUPPLIERS = [
    "Aldercrest Logistics", "Brightwater Foods", "Calder & Finch", "Dunmore Packaging",
    "Eastgate Semiconductors", "Fjordline Freight", "Greywell Textiles", "Harbor Point Energy",
    "Ironbridge Components", "Juniper Cloud Services", "Kestrel Security", "Lumen Print Works",
    "Meridian Chemicals", "Northwind Staffing", "Oakridge Facilities", "Pinecone Analytics",
    "Quayside Catering", "Redfern Electrical", "Saltmarsh Consulting", "Tidewater Plastics",
]
CONTRACT_TYPES = [
    ("master services agreement", "MSA"), ("supply agreement", "SA"),
    ("data processing agreement", "DPA"), ("non-disclosure agreement", "NDA"),
    ("statement of work", "SOW"), ("software licence", "LIC"),
]
SECTIONS = [
    "term and termination", "payment terms", "limitation of liability", "indemnification",
    "confidentiality", "data protection", "service levels", "governing law", "assignment",
    "intellectual property", "insurance", "force majeure",
]
FINDINGS = [
    "auto-renews for 24 months unless cancelled 90 days before expiry",
    "payment due 60 days after invoice; playbook requires 30",
    "liability cap of 1x annual fees excludes data breaches",
    "uncapped indemnity for third-party IP claims",
    "confidentiality survives 5 years after termination",
    "sub-processors may be added with 14 days' notice",
    "99.5% monthly uptime with service credits up to 10%",
    "governed by the laws of England and Wales",
    "assignment requires prior written consent",
    "supplier keeps ownership of pre-existing IP; deliverables assigned to us",
    "requires 5,000,000 EUR professional liability insurance",
    "force majeure includes pandemics and cyber attacks",
]
MODELS_EXTRACT = ["anthropic/claude-sonnet-4", "openai/gpt-4o", "anthropic/claude-sonnet-4"]
MODEL_FAST = "openai/gpt-4o-mini"

AGENT = "🤖 agent"
TOOL = "🔧 tool"


class Trace:
    def __init__(self, rng):
        self.rng = rng
        self.spans = []

    def uuid(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def ts(self, ms, offset_style=False):
        t = START + timedelta(microseconds=round(ms * 1000))
        s = t.strftime("%Y-%m-%dT%H:%M:%S.%f")
        return s + ("+00:00" if offset_style else "Z")

    def add(self, name, type_, parent, start, duration, data=None, error=None, meta=None,
            metrics=None, score=None):
        span_id = self.uuid()
        offset_style = self.rng.random() < 0.3
        self.spans.append({
            "id": span_id,
            "name": name,
            "start_time": self.ts(start, offset_style),
            "type": type_,
            "parent_id": parent,
            "end_time": self.ts(start + duration, offset_style),
            "duration_ms": round(duration),
            "error": error,
            "meta": meta or {},
            "data": data,
            "metrics": metrics or [],
            "score": score,
        })
        return span_id

    def metric(self, dimension, value, at_ms, comment=None):
        return {"id": self.uuid(), "dimension": dimension, "value": value,
                "created_at": self.ts(at_ms), "comment": comment}


def compact(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


def tool_data(input_, output):
    return {"input": input_, "output": output, "total_tokens": None, "model": None,
            "instructions": None, "function": None, "tags": [], "score": None,
            "generation_id": None, "observations": None, "scorer_context": None}


def gen_data(t, model, function, input_, output, tokens, instructions, tags=None, score=None,
             observations=None, scorer_context=None):
    return {"input": input_, "output": output, "total_tokens": tokens, "model": model,
            "instructions": instructions, "function": function, "tags": tags or [],
            "score": score, "generation_id": t.uuid(), "observations": observations,
            "scorer_context": scorer_context}


def duration(rng, median_ms, spread=0.5, minimum=1.0):
    return max(minimum, rng.lognormvariate(0, spread) * median_ms)


class Clock:
    """A cursor inside a parent span: children run one after another."""

    def __init__(self, start):
        self.now = start

    def take(self, ms, gap=2.0):
        start = self.now + gap
        self.now = start + ms
        return start


def review_document(t, rng, parent, start, doc):
    """One document: returns (end time, tokens, failed)."""
    agent_start = start
    clock = Clock(agent_start)
    children = []   # (callable adding the span once the agent id is known)
    tokens = 0
    failed = None

    def later(fn):
        children.append(fn)

    # fetch_document, with an occasional timeout and retry
    attempts = 2 if rng.random() < 0.03 else 1
    for attempt in range(attempts):
        is_retry_failure = attempts == 2 and attempt == 0
        d = 5000.0 if is_retry_failure else duration(rng, 180)
        s = clock.take(d)
        later(lambda p, s=s, d=d, f=is_retry_failure: t.add(
            "fetch_document", TOOL, p, s, d,
            data=tool_data(compact({"bucket": "contracts-inbox", "key": doc["key"]}),
                           None if f else compact({"bytes": doc["bytes"], "pages": doc["pages"],
                                                   "content_type": "application/pdf"})),
            error=("TimeoutError: GET s3://contracts-inbox/%s did not complete within 5.0 s"
                   % doc["key"]) if f else None,
            meta={"attempt": attempt + 1} if attempts > 1 else {}))

    # extract_text: scanned files go through OCR, which sometimes fails
    scanned = rng.random() < 0.25
    ocr_failed = scanned and rng.random() < 0.06
    d = duration(rng, 2600 if scanned else 240)
    s = clock.take(d)
    later(lambda p, s=s, d=d: t.add(
        "extract_text", TOOL, p, s, d,
        data=tool_data(compact({"key": doc["key"], "ocr": scanned}),
                       None if ocr_failed else compact({"chars": doc["chars"], "pages": doc["pages"],
                                                        "language": "en"})),
        error=("OCRError: page %d of %s is unreadable (confidence 0.21 < 0.60)"
               % (rng.randint(2, doc["pages"]), doc["key"])) if ocr_failed else None,
        meta={"engine": "tesseract 5.3.4"} if scanned else {}))

    if ocr_failed:
        failed = "Skipped: the text of %s could not be extracted" % doc["key"]
    else:
        # think: plan which sections to read
        sections = rng.sample(SECTIONS, rng.randint(2, 5))
        d = duration(rng, 900)
        tk = rng.randint(600, 1400)
        tokens += tk
        s = clock.take(d)
        later(lambda p, s=s, d=d, tk=tk, sections=sections: t.add(
            "think", "generation", p, s, d,
            data=gen_data(t, MODEL_FAST, "review_document/think",
                          compact({"document": doc["title"], "pages": doc["pages"], "iteration": 1}),
                          compact({"reasoning": "A %s with %s. Check the sections the playbook flags."
                                                % (doc["kind"], doc["supplier"]),
                                   "tool_calls": [{"name": "extract_clauses",
                                                   "parameters": {"section": x}} for x in sections]}),
                          tk, "Plan the review of one contract against the procurement playbook.")))

        findings = []
        for section in sections:
            model = rng.choice(MODELS_EXTRACT)
            rate_limited = rng.random() < 0.02
            if rate_limited:
                d = duration(rng, 300)
                s = clock.take(d)
                later(lambda p, s=s, d=d, section=section, model=model: t.add(
                    "extract_clauses", "generation", p, s, d,
                    data=gen_data(t, model, "extract_clauses",
                                  compact({"document": doc["title"], "section": section}), None, 0,
                                  "Extract the clauses of one section as JSON."),
                    error="RateLimitError: 429 Too Many Requests from %s; retrying in 2.0 s"
                          % model.split("/")[0]))
                clock.take(0, gap=2000.0)
            finding = rng.choice(FINDINGS)
            findings.append(finding)
            d = duration(rng, 2200, 0.6)
            tk = rng.randint(1500, 4800)
            tokens += tk
            score = rng.randint(70, 100)
            s = clock.take(d)
            later(lambda p, s=s, d=d, tk=tk, section=section, model=model, finding=finding,
                  score=score: t.add(
                "extract_clauses", "generation", p, s, d,
                data=gen_data(t, model, "extract_clauses",
                              compact({"document": doc["title"], "section": section}),
                              compact({"section": section, "clauses": rng.randint(1, 6),
                                       "key_terms": [finding]}),
                              tk, "Extract the clauses of one section as JSON. Quote the contract "
                                  "verbatim; do not paraphrase obligations.",
                              tags=["section:" + section.replace(" ", "-")], score=score),
                score=score))

        if rng.random() < 0.3:
            d = duration(rng, 350)
            s = clock.take(d)
            later(lambda p, s=s, d=d: t.add(
                "lookup_counterparty", TOOL, p, s, d,
                data=tool_data("{'name': '%s'}" % doc["supplier"],
                               "{'vendor_id': 'V-%05d', 'tier': %d, 'active_contracts': %d, "
                               "'sanctions_hit': False}"
                               % (rng.randint(10000, 99999), rng.randint(1, 3), rng.randint(1, 9)))))

        if rng.random() < 0.25:
            # A nested risk-assessment agent
            ra_start = clock.take(0)
            inner = Clock(ra_start)
            inner_children = []
            d1 = duration(rng, 1100)
            tk1 = rng.randint(900, 2000)
            s1 = inner.take(d1)
            d2 = duration(rng, 120)
            s2 = inner.take(d2)
            d3 = duration(rng, 1900)
            tk3 = rng.randint(1200, 3000)
            s3 = inner.take(d3)
            tokens += tk1 + tk3
            level = rng.choice(["low", "medium", "medium", "high"])
            ra_end = inner.take(0, gap=3.0)
            clock.now = ra_end

            def add_risk(p, ra_start=ra_start, ra_end=ra_end, s1=s1, d1=d1, tk1=tk1, s2=s2,
                         d2=d2, s3=s3, d3=d3, tk3=tk3, level=level, findings=list(findings)):
                ra = t.add("risk_assessment", AGENT, p, ra_start, ra_end - ra_start,
                           data={**tool_data(compact({"findings": findings}),
                                             compact({"risk": level})),
                                 "total_tokens": tk1 + tk3, "function": "risk_assessment"},
                           meta={"sdk": "@opperai/agents 0.5.0"})
                t.add("think", "generation", ra, s1, d1,
                      data=gen_data(t, MODEL_FAST, "risk_assessment/think",
                                    compact({"findings": findings}),
                                    compact({"tool_calls": [{"name": "compare_to_playbook"}]}),
                                    tk1, "Decide which findings need a playbook comparison."))
                t.add("compare_to_playbook", TOOL, ra, s2, d2,
                      data=tool_data(compact({"findings": len(findings), "playbook": "procurement-2025.2"}),
                                     compact({"deviations": rng.randint(0, len(findings))})))
                t.add("score_risk", "generation", ra, s3, d3,
                      data=gen_data(t, "anthropic/claude-sonnet-4", "score_risk",
                                    compact({"findings": findings}),
                                    compact({"risk": level, "rationale": findings[0]}),
                                    tk3, "Rate the overall contract risk as low, medium or high."))

            later(add_risk)

        d = duration(rng, 1600)
        tk = rng.randint(800, 1800)
        tokens += tk
        score = rng.randint(62, 99)
        s = clock.take(d)
        with_metric = rng.random() < 0.15
        later(lambda p, s=s, d=d, tk=tk, score=score, wm=with_metric, findings=list(findings): t.add(
            "summarize", "generation", p, s, d,
            data=gen_data(t, MODEL_FAST, "summarize",
                          compact({"document": doc["title"], "findings": findings}),
                          "%s (%s, %d pages): %s." % (doc["title"], doc["supplier"], doc["pages"],
                                                     "; ".join(findings)),
                          tk, "Summarise the review in one paragraph for the procurement team.",
                          score=score,
                          observations="Summary covers %d of %d findings." % (len(findings),
                                                                              len(findings)),
                          scorer_context={"coverage": {"score": 1.0},
                                          "concision": {"score": round(score / 100, 2)}}),
            metrics=[t.metric("reviewer_agreement", round(rng.uniform(0.6, 1.0), 2), s + d + 60000,
                              "Spot-checked by legal")] if wm else [],
            score=score))

    d = duration(rng, 60)
    s = clock.take(d)
    later(lambda p, s=s, d=d: t.add(
        "save_result", TOOL, p, s, d,
        data=tool_data(compact({"document_id": doc["id"], "status": "failed" if failed else "reviewed"}),
                       "True")))

    end = clock.take(0, gap=4.0)
    agent_id = t.add("review_document", AGENT, parent, agent_start, end - agent_start,
                     data={**tool_data("{'document_id': '%s', 'title': '%s'}" % (doc["id"], doc["title"]),
                                       None if failed else "{'status': 'reviewed', 'findings': %d}"
                                       % rng.randint(1, 5)),
                           "total_tokens": tokens, "function": "review_document"},
                     error=failed,
                     meta={"document_id": doc["id"], "pages": doc["pages"], "worker": doc["worker"]})
    for fn in children:
        fn(agent_id)
    return end, tokens, failed is not None


def build(target_spans, seed):
    rng = random.Random(seed)
    t = Trace(rng)

    root = t.add("contract_review_batch", AGENT, None, 0, 1.0)   # times fixed up at the end
    root_span = t.spans[-1]
    clock = Clock(0.0)

    d = duration(rng, 420)
    s = clock.take(d, gap=6.0)
    t.add("load_manifest", TOOL, root, s, d,
          data=tool_data(compact({"bucket": "contracts-inbox", "prefix": "2025-11/"}), None))
    manifest = t.spans[-1]
    d = duration(rng, 1500)
    s = clock.take(d)
    plan_tokens = rng.randint(2000, 3500)
    t.add("plan_batch", "generation", root, s, d,
          data=gen_data(t, "anthropic/claude-sonnet-4", "contract_review_batch/plan",
                        compact({"documents": "2025-11 inbox", "workers": WORKERS}),
                        compact({"plan": "Review every contract against procurement-2025.2, flag "
                                         "deviations, then compile one report."}),
                        plan_tokens, "Plan a batch contract review."))

    workers = [clock.now + 5.0 * i for i in range(WORKERS)]
    total_tokens = plan_tokens
    failures = 0
    total_bytes = 0
    n = 0
    while len(t.spans) < target_spans - 20:
        n += 1
        w = min(range(WORKERS), key=lambda i: workers[i])
        kind, abbrev = rng.choice(CONTRACT_TYPES)
        supplier = rng.choice(SUPPLIERS)
        doc = {
            "id": "doc_%04d" % n,
            "key": "2025-11/%s-%s-%04d.pdf" % (abbrev.lower(), supplier.split()[0].lower(), n),
            "title": "%s %s" % (supplier, abbrev),
            "kind": kind,
            "supplier": supplier,
            "pages": rng.randint(3, 48),
            "worker": w + 1,
        }
        doc["bytes"] = doc["pages"] * rng.randint(38000, 92000)
        doc["chars"] = doc["pages"] * rng.randint(2400, 3900)
        total_bytes += doc["bytes"]
        end, tokens, failed = review_document(t, rng, root, workers[w] + rng.uniform(1, 30), doc)
        workers[w] = end
        total_tokens += tokens
        failures += failed

    manifest["data"]["output"] = compact({"documents": n, "total_bytes": total_bytes})

    clock.now = max(workers)
    d = duration(rng, 5200)
    s = clock.take(d, gap=10.0)
    report_tokens = rng.randint(9000, 14000)
    total_tokens += report_tokens
    t.add("compile_report", "generation", root, s, d,
          data=gen_data(t, "anthropic/claude-sonnet-4", "compile_report",
                        compact({"documents": n, "failed": failures}),
                        "Reviewed %d contracts; %d could not be read and need a manual review."
                        % (n, failures),
                        report_tokens, "Write the batch report: counts, high-risk contracts first, "
                                       "then deviations by playbook rule.",
                        score=88, observations="Report is complete and ordered by risk."),
          score=88)
    d = duration(rng, 300)
    s = clock.take(d)
    t.add("notify_procurement", TOOL, root, s, d,
          data=tool_data("{'channel': '#procurement-reviews', 'documents': %d}" % n,
                         "{'ok': True, 'ts': '1763507101.004200'}"))

    end = clock.take(0, gap=8.0)
    root_span["end_time"] = t.ts(end)
    root_span["duration_ms"] = round(end)
    output = "Reviewed %d contracts (%d failed)." % (n, failures)
    root_input = compact({"inbox": "contracts-inbox/2025-11/", "playbook": "procurement-2025.2"})
    root_span["data"] = {**tool_data(root_input, output), "total_tokens": total_tokens,
                         "function": "contract_review_batch", "tags": ["env:staging", "batch"]}
    root_span["meta"] = {"sdk": "@opperai/agents 0.5.0", "workers": WORKERS, "documents": n}
    root_span["metrics"] = [t.metric("documents_per_minute", round(n / (end / 60000.0), 2), end + 500,
                                     "Throughput with %d workers" % WORKERS)]

    return {
        "id": t.uuid(),
        "start_time": t.ts(0),
        "end_time": t.ts(end),
        "duration_ms": round(end),
        "status": "success",
        "name": "contract_review_batch",
        "input": root_input,
        "output": output,
        "total_tokens": total_tokens,
        "spans": t.spans,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--spans", type=int, default=2000, help="approximate number of spans")
    parser.add_argument("--seed", type=int, default=20251118)
    args = parser.parse_args()

    trace = build(args.spans, args.seed)
    text = json.dumps(trace, ensure_ascii=False, separators=(",", ":")) + "\n"

    tmp = args.output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
