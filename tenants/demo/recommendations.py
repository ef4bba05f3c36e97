"""The demo's recommendations, and which of them each area's reviews make (seed 003's clusters)."""

from __future__ import annotations

# (text, scope, themes, target sector, owner agency)
RECOMMENDATIONS = (
    (
        "Integrate adult and child risk assessment at first contact",
        "multi_agency",
        ("risk-assessment-integration", "dash-risk-assessment"),
        "children-social-care",
        "Children's Services",
    ),
    (
        "Treat the perpetrator as the source of risk in safety planning",
        "multi_agency",
        ("abuser-as-source-of-risk",),
        "idva-domestic-abuse-service",
        "Domestic Abuse Service",
    ),
    (
        "Stop relying on the victim to keep herself safe after MARAC",
        "multi_agency",
        ("over-reliance-on-victims", "marac-mash-links"),
        "police",
        "Police",
    ),
    (
        "Routine enquiry about domestic abuse in GP consultations",
        "single_agency",
        ("primary-care-early-identification",),
        "primary-care",
        "Clinical Commissioning Group",
    ),
    (
        "Joint protocol for mental health and substance misuse with domestic abuse",
        "multi_agency",
        ("mental-health", "substance-misuse", "complex-needs"),
        "commissioned-mental-health-providers",
        "Mental Health Trust",
    ),
    (
        "Train front-line staff to recognise coercive control",
        "regional",
        ("coercive-control", "training-and-awareness"),
        "police",
        "Police",
    ),
    (
        "Share information with MASH within 24 hours of a high-risk DASH",
        "multi_agency",
        ("information-sharing", "marac-mash-links"),
        "social-services",
        "Adult Social Care",
    ),
    (
        "Record the household's make-up on every housing visit",
        "single_agency",
        ("record-keeping",),
        "housing",
        "Housing",
    ),
    (
        "Supervision that challenges professional optimism",
        "single_agency",
        ("workforce-culture",),
        "health",
        "Acute Hospital Trust",
    ),
    (
        "Ask the Home Office to publish a national DHR learning library",
        "national",
        ("awareness-raising",),
        "csp",
        "Community Safety Partnership",
    ),
)
RECURRENT = (0, 1, 2)  # the three failures seed 003 names, in RECOMMENDATIONS' order
SECOND_TIER = {  # by reference prefix: what each area's reviews add to the recurrent three
    "BHM": (4, 3, 8, 6, 5, 7, 9),
    "COV": (5, 6, 4, 7, 3, 8, 9),
    "SAN": (4, 8, 3, 5, 6, 7, 9),
    "WAL": (6, 4, 5, 3, 8, 7, 9),
    "WOL": (3, 4, 5, 6, 7, 8, 9),
    "CHA": (4, 3, 6),
    "HB": (4, 7, 3),
    "NWL": (3, 4, 6),
    "STS": (5, 6, 4),
    "SOT": (6, 5, 8),
}
