"""Query the endpoint with real clients on their defaults, and the N-Quads with rdflib.

Reads a JSON job on stdin: {"endpoint": URL, "nquads": FILE or null, "queries": [{"name", "query"}]}.
Writes JSON on stdout: per query, what rdflib computes locally on the N-Quads ("rdflib"),
what SPARQLWrapper gets from the endpoint on its defaults ("sparqlwrapper") and what
rdflib's SPARQLStore gets ("sparqlstore"), each as {"kind", "rows" | "boolean" | "triples"}.
Terms are written in N-Triples syntax so that datatypes and languages are compared too.
"""
import json
import sys

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import SPARQLWrapper


def term(t):
    return None if t is None else t.n3()


def from_rdflib_result(result):
    if result.type == "ASK":
        return {"kind": "boolean", "boolean": bool(result.askAnswer)}
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return {"kind": "graph", "triples": sorted(" ".join(x.n3() for x in t) for t in result.graph)}
    return {"kind": "rows", "rows": sorted(json.dumps([term(v) for v in row]) for row in result)}


def from_sparqlwrapper(endpoint, query):
    client = SPARQLWrapper(endpoint)  # defaults: GET, XML results, RDF/XML graphs
    client.setQuery(query)
    converted = client.query().convert()
    if isinstance(converted, rdflib.Graph):
        return {"kind": "graph", "triples": sorted(" ".join(x.n3() for x in t) for t in converted)}
    # An XML DOM (SELECT / ASK): read it with rdflib's own SPARQL XML results parser.
    result = rdflib.query.Result.parse(source=__import__("io").BytesIO(converted.toxml("utf-8")), format="xml")
    return from_rdflib_result(result)


def main():
    job = json.load(sys.stdin)
    out = {}
    local = None
    if job.get("nquads"):
        local = rdflib.ConjunctiveGraph()
        local.parse(job["nquads"], format="nquads")
    store = rdflib.ConjunctiveGraph(SPARQLStore(job["endpoint"]))
    for q in job["queries"]:
        entry = {}
        # rdflib 6 cannot evaluate DESCRIBE itself; those are compared between the clients only.
        if local is not None and q.get("local", True):
            entry["rdflib"] = from_rdflib_result(local.query(q["query"]))
        entry["sparqlwrapper"] = from_sparqlwrapper(job["endpoint"], q["query"])
        entry["sparqlstore"] = from_rdflib_result(store.query(q["query"]))
        out[q["name"]] = entry
    out["__contexts__"] = sorted(str(c.identifier) for c in store.contexts())
    json.dump(out, sys.stdout)


main()
