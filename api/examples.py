"""Examples for the OpenAPI document: what the API answers on the frozen snapshot of the dataset
(tests/data/snapshot/), written by tests/refresh_examples.py; tests/test_examples.py checks each (lists
abridged)."""


def item(record: dict) -> dict:
    """A record as a list holds it: without the members of the answer itself."""
    return {key: value for key, value in record.items() if key not in ("dataset_revision", "lang")}


CURRENT = {
    "change_id": "fr-vigipirate-2024-03-24",
    "dataset_revision": 276,
    "direction": "raise",
    "justification": {
        "quote": "Given the claim of responsibility for the attack by the Islamic State and the threats weighing on our country, we have decided to raise the Vigipirate posture to its highest level: emergency attack",
        "source_id": "article-france-raises-vigipirate-highest-level-after-moscow-attack",
        "speaker": "Gabriel Attal",
        "speaker_role": "Prime Minister of France",
    },
    "lang": "en",
    "level": {
        "code": "urgence-attentat",
        "colour": "#c1121f",
        "name": {"en": "Attack emergency", "fr": "Urgence attentat", "lang": "en", "text": "Attack emergency"},
        "rank": 3,
        "severity": 1.0,
    },
    "reviewed_through": "2026-01-17",
    "since": "2024-03-24",
    "since_at": None,
    "sources": [
        {
            "id": "article-2024-03-26-macron-is-cell-foiled-plots",
            "kind": "news-website",
            "language": "en",
            "published_date": "2024-03-26",
            "publisher": None,
            "title": "(untitled English news text, datelined 26-3-2024 (PARIS)) on Macron linking the Moscow attackers to an Islamic State cell behind foiled plots in France",
            "url": None,
        },
        {
            "id": "article-macron-high-alert-group-behind-moscow-attack-tried-france",
            "kind": "news-website",
            "language": "en",
            "published_date": None,
            "publisher": None,
            "title": "Emmanuel Macron on high alert as ‘group behind Moscow attack tried to attack France’ | World | News",
            "url": None,
        },
    ],
    "summary": {
        "en": 'Two days after the Crocus City Hall attack near Moscow, claimed by the Islamic State, a Defence and National Security Council convened at the Élysée by President Emmanuel Macron on Sunday 24 March 2024 decided to raise Vigipirate to "urgence attentat"; Prime Minister Gabriel Attal announced it on X at about 21:30. The Government cited the claim by Islamic State – Khorasan Province, a group that threatens France and was involved in foiled attack plans in Europe; the next day Emmanuel Macron (in French Guiana) called it a precautionary decision based on credible evidence. It was the fourth activation of this level since 2016. The level was kept on 7 May 2024 for summer and autumn 2024, was still in force after the Olympic Games, and was kept by the postures of 15 January 2025, 1 July 2025 and 5 January 2026 (still in force on 17 January 2026).',
        "fr": "Deux jours après l'attentat du Crocus City Hall près de Moscou, revendiqué par l'État islamique, un Conseil de défense et de sécurité nationale réuni à l'Élysée par le président Emmanuel Macron le dimanche 24 mars 2024 décide de rehausser Vigipirate au niveau « urgence attentat » ; le Premier ministre Gabriel Attal l'annonce sur X vers 21 h 30. Le gouvernement invoque la revendication par l'État islamique au Khorassan, une organisation qui menace la France et a été impliquée dans des projets d'attentats déjoués en Europe ; le lendemain, Emmanuel Macron (en Guyane) parle d'une décision de précaution fondée sur des éléments crédibles. C'est la quatrième activation de ce niveau depuis 2016. Le niveau a été maintenu le 7 mai 2024 pour l'été et l'automne 2024, restait en vigueur après les Jeux olympiques, et a été maintenu par les postures du 15 janvier 2025, du 1er juillet 2025 et du 5 janvier 2026 (toujours en vigueur le 17 janvier 2026).",
        "lang": "en",
        "text": 'Two days after the Crocus City Hall attack near Moscow, claimed by the Islamic State, a Defence and National Security Council convened at the Élysée by President Emmanuel Macron on Sunday 24 March 2024 decided to raise Vigipirate to "urgence attentat"; Prime Minister Gabriel Attal announced it on X at about 21:30. The Government cited the claim by Islamic State – Khorasan Province, a group that threatens France and was involved in foiled attack plans in Europe; the next day Emmanuel Macron (in French Guiana) called it a precautionary decision based on credible evidence. It was the fourth activation of this level since 2016. The level was kept on 7 May 2024 for summer and autumn 2024, was still in force after the Olympic Games, and was kept by the postures of 15 January 2025, 1 July 2025 and 5 January 2026 (still in force on 17 January 2026).',
    },
    "system": "fr-vigipirate",
}

LEVEL_AT = {
    "area": None,
    "at": "2020-11-01",
    "change_id": "fr-vigipirate-2020-10-29",
    "dataset_revision": 276,
    "lang": "en",
    "level": {
        "code": "urgence-attentat",
        "colour": "#c1121f",
        "name": {"en": "Attack emergency", "fr": "Urgence attentat", "lang": "en", "text": "Attack emergency"},
        "rank": 3,
        "severity": 1.0,
    },
    "order_known": True,
    "provisional": False,
    "reviewed_through": "2026-01-17",
    "same_day": [],
    "since": "2020-10-29",
    "since_at": None,
    "system": "fr-vigipirate",
    "until": "2021-03-05",
    "until_at": None,
}

TIMELINE = {
    "area": None,
    "dataset_revision": 276,
    "from": "2016-12-01",
    "lang": "en",
    "periods": [
        {
            "change_id": "fr-vigipirate-2016-12-01",
            "duration_days": 741,
            "end": "2018-12-12",
            "end_at": None,
            "level": {
                "code": "securite-renforcee-risque-attentat",
                "colour": "#f08a24",
                "name": {
                    "en": "Enhanced security – risk of attack",
                    "fr": "Sécurité renforcée – risque attentat",
                    "lang": "en",
                    "text": "Enhanced security – risk of attack",
                },
                "rank": 2,
                "severity": 0.6667,
            },
            "start": "2016-12-01",
            "start_at": None,
        },
        {
            "change_id": "fr-vigipirate-2018-12-12",
            "duration_days": 2,
            "end": "2018-12-14",
            "end_at": None,
            "level": {
                "code": "urgence-attentat",
                "colour": "#c1121f",
                "name": {"en": "Attack emergency", "fr": "Urgence attentat", "lang": "en", "text": "Attack emergency"},
                "rank": 3,
                "severity": 1.0,
            },
            "start": "2018-12-12",
            "start_at": None,
        },
        {
            "change_id": "fr-vigipirate-2018-12-14",
            "duration_days": 685,
            "end": "2020-10-29",
            "end_at": None,
            "level": {
                "code": "securite-renforcee-risque-attentat",
                "colour": "#f08a24",
                "name": {
                    "en": "Enhanced security – risk of attack",
                    "fr": "Sécurité renforcée – risque attentat",
                    "lang": "en",
                    "text": "Enhanced security – risk of attack",
                },
                "rank": 2,
                "severity": 0.6667,
            },
            "start": "2018-12-14",
            "start_at": None,
        },
        {
            "change_id": "fr-vigipirate-2020-10-29",
            "duration_days": 127,
            "end": "2021-03-05",
            "end_at": None,
            "level": {
                "code": "urgence-attentat",
                "colour": "#c1121f",
                "name": {"en": "Attack emergency", "fr": "Urgence attentat", "lang": "en", "text": "Attack emergency"},
                "rank": 3,
                "severity": 1.0,
            },
            "start": "2020-10-29",
            "start_at": None,
        },
        {
            "change_id": "fr-vigipirate-2021-03-05",
            "duration_days": 952,
            "end": "2023-10-13",
            "end_at": None,
            "level": {
                "code": "securite-renforcee-risque-attentat",
                "colour": "#f08a24",
                "name": {
                    "en": "Enhanced security – risk of attack",
                    "fr": "Sécurité renforcée – risque attentat",
                    "lang": "en",
                    "text": "Enhanced security – risk of attack",
                },
                "rank": 2,
                "severity": 0.6667,
            },
            "start": "2021-03-05",
            "start_at": None,
        },
        {
            "change_id": "fr-vigipirate-2023-10-13",
            "duration_days": 94,
            "end": "2024-01-15",
            "end_at": None,
            "level": {
                "code": "urgence-attentat",
                "colour": "#c1121f",
                "name": {"en": "Attack emergency", "fr": "Urgence attentat", "lang": "en", "text": "Attack emergency"},
                "rank": 3,
                "severity": 1.0,
            },
            "start": "2023-10-13",
            "start_at": None,
        },
        {
            "change_id": "fr-vigipirate-2024-01-15",
            "duration_days": 69,
            "end": "2024-03-24",
            "end_at": None,
            "level": {
                "code": "securite-renforcee-risque-attentat",
                "colour": "#f08a24",
                "name": {
                    "en": "Enhanced security – risk of attack",
                    "fr": "Sécurité renforcée – risque attentat",
                    "lang": "en",
                    "text": "Enhanced security – risk of attack",
                },
                "rank": 2,
                "severity": 0.6667,
            },
            "start": "2024-01-15",
            "start_at": None,
        },
        {
            "change_id": "fr-vigipirate-2024-03-24",
            "duration_days": 141,
            "end": None,
            "end_at": None,
            "level": {
                "code": "urgence-attentat",
                "colour": "#c1121f",
                "name": {"en": "Attack emergency", "fr": "Urgence attentat", "lang": "en", "text": "Attack emergency"},
                "rank": 3,
                "severity": 1.0,
            },
            "start": "2024-03-24",
            "start_at": None,
        },
    ],
    "reviewed_through": "2026-01-17",
    "summary": [
        {
            "days": 2447,
            "level": {
                "code": "securite-renforcee-risque-attentat",
                "colour": "#f08a24",
                "name": {
                    "en": "Enhanced security – risk of attack",
                    "fr": "Sécurité renforcée – risque attentat",
                    "lang": "en",
                    "text": "Enhanced security – risk of attack",
                },
                "rank": 2,
                "severity": 0.6667,
            },
            "share": 0.8705,
        },
        {
            "days": 364,
            "level": {
                "code": "urgence-attentat",
                "colour": "#c1121f",
                "name": {"en": "Attack emergency", "fr": "Urgence attentat", "lang": "en", "text": "Attack emergency"},
                "rank": 3,
                "severity": 1.0,
            },
            "share": 0.1295,
        },
    ],
    "system": "fr-vigipirate",
    "to": "2024-08-11",
    "total_days": 2811,
}

TIMELINE_CSV = "start,end,start_at,end_at,duration_days,level,level_rank,level_name_fr,level_name_en,level_severity,change_id\r\n2016-12-01,2018-12-12,,,741,securite-renforcee-risque-attentat,2,Sécurité renforcée – risque attentat,Enhanced security – risk of attack,0.6667,fr-vigipirate-2016-12-01\r\n2018-12-12,2018-12-14,,,2,urgence-attentat,3,Urgence attentat,Attack emergency,1.0,fr-vigipirate-2018-12-12\r\n2018-12-14,2020-10-29,,,685,securite-renforcee-risque-attentat,2,Sécurité renforcée – risque attentat,Enhanced security – risk of attack,0.6667,fr-vigipirate-2018-12-14\r\n2020-10-29,2021-03-05,,,127,urgence-attentat,3,Urgence attentat,Attack emergency,1.0,fr-vigipirate-2020-10-29\r\n2021-03-05,2023-10-13,,,952,securite-renforcee-risque-attentat,2,Sécurité renforcée – risque attentat,Enhanced security – risk of attack,0.6667,fr-vigipirate-2021-03-05\r\n2023-10-13,2024-01-15,,,94,urgence-attentat,3,Urgence attentat,Attack emergency,1.0,fr-vigipirate-2023-10-13\r\n2024-01-15,2024-03-24,,,69,securite-renforcee-risque-attentat,2,Sécurité renforcée – risque attentat,Enhanced security – risk of attack,0.6667,fr-vigipirate-2024-01-15\r\n2024-03-24,,,,141,urgence-attentat,3,Urgence attentat,Attack emergency,1.0,fr-vigipirate-2024-03-24\r\n"

TIMELINE_NDJSON = '{"change_id": "fr-vigipirate-2016-12-01", "duration_days": 741, "end": "2018-12-12", "end_at": null, "level": {"code": "securite-renforcee-risque-attentat", "colour": "#f08a24", "name": {"en": "Enhanced security – risk of attack", "fr": "Sécurité renforcée – risque attentat", "lang": "en", "text": "Enhanced security – risk of attack"}, "rank": 2, "severity": 0.6667}, "start": "2016-12-01", "start_at": null}\n{"change_id": "fr-vigipirate-2018-12-12", "duration_days": 2, "end": "2018-12-14", "end_at": null, "level": {"code": "urgence-attentat", "colour": "#c1121f", "name": {"en": "Attack emergency", "fr": "Urgence attentat", "lang": "en", "text": "Attack emergency"}, "rank": 3, "severity": 1.0}, "start": "2018-12-12", "start_at": null}\n{"change_id": "fr-vigipirate-2018-12-14", "duration_days": 685, "end": "2020-10-29", "end_at": null, "level": {"code": "securite-renforcee-risque-attentat", "colour": "#f08a24", "name": {"en": "Enhanced security – risk of attack", "fr": "Sécurité renforcée – risque attentat", "lang": "en", "text": "Enhanced security – risk of attack"}, "rank": 2, "severity": 0.6667}, "start": "2018-12-14", "start_at": null}\n{"change_id": "fr-vigipirate-2020-10-29", "duration_days": 127, "end": "2021-03-05", "end_at": null, "level": {"code": "urgence-attentat", "colour": "#c1121f", "name": {"en": "Attack emergency", "fr": "Urgence attentat", "lang": "en", "text": "Attack emergency"}, "rank": 3, "severity": 1.0}, "start": "2020-10-29", "start_at": null}\n{"change_id": "fr-vigipirate-2021-03-05", "duration_days": 952, "end": "2023-10-13", "end_at": null, "level": {"code": "securite-renforcee-risque-attentat", "colour": "#f08a24", "name": {"en": "Enhanced security – risk of attack", "fr": "Sécurité renforcée – risque attentat", "lang": "en", "text": "Enhanced security – risk of attack"}, "rank": 2, "severity": 0.6667}, "start": "2021-03-05", "start_at": null}\n{"change_id": "fr-vigipirate-2023-10-13", "duration_days": 94, "end": "2024-01-15", "end_at": null, "level": {"code": "urgence-attentat", "colour": "#c1121f", "name": {"en": "Attack emergency", "fr": "Urgence attentat", "lang": "en", "text": "Attack emergency"}, "rank": 3, "severity": 1.0}, "start": "2023-10-13", "start_at": null}\n{"change_id": "fr-vigipirate-2024-01-15", "duration_days": 69, "end": "2024-03-24", "end_at": null, "level": {"code": "securite-renforcee-risque-attentat", "colour": "#f08a24", "name": {"en": "Enhanced security – risk of attack", "fr": "Sécurité renforcée – risque attentat", "lang": "en", "text": "Enhanced security – risk of attack"}, "rank": 2, "severity": 0.6667}, "start": "2024-01-15", "start_at": null}\n{"change_id": "fr-vigipirate-2024-03-24", "duration_days": 141, "end": null, "end_at": null, "level": {"code": "urgence-attentat", "colour": "#c1121f", "name": {"en": "Attack emergency", "fr": "Urgence attentat", "lang": "en", "text": "Attack emergency"}, "rank": 3, "severity": 1.0}, "start": "2024-03-24", "start_at": null}\n'

CHANGE = {
    "announced_at": "2024-03-24T21:30:00+01:00",
    "announced_by": {"name": "Gabriel Attal", "role": "Prime Minister"},
    "announced_date": "2024-03-24",
    "dataset_revision": 276,
    "decided_date": "2024-03-24",
    "direction": "raise",
    "effective_at": None,
    "effective_date": "2024-03-24",
    "from_level": {
        "code": "securite-renforcee-risque-attentat",
        "colour": "#f08a24",
        "name": {
            "en": "Enhanced security – risk of attack",
            "fr": "Sécurité renforcée – risque attentat",
            "lang": "en",
            "text": "Enhanced security – risk of attack",
        },
        "rank": 2,
        "severity": 0.6667,
    },
    "id": "fr-vigipirate-2024-03-24",
    "justifications": [
        {
            "id": "fr-vigipirate-2024-03-24-attal-x",
            "language": "en",
            "medium": "social-media-post",
            "notes": None,
            "original_language": "fr",
            "quote": "Given the claim of responsibility for the attack by the Islamic State and the threats weighing on our country, we have decided to raise the Vigipirate posture to its highest level: emergency attack",
            "said_date": "2024-03-24",
            "source_id": "article-france-raises-vigipirate-highest-level-after-moscow-attack",
            "speaker": "Gabriel Attal",
            "speaker_role": "Prime Minister of France",
        }
    ],
    "lang": "en",
    "measures": [
        {
            "description": {
                "en": "Opération Sentinelle: about 3,000 soldiers deployed at the time of the raise (the deployment already in place at level 2), patrolling transport hubs, places of worship, schools and other sensitive sites.",
                "fr": "Opération Sentinelle : environ 3 000 militaires déployés au moment du rehaussement (dispositif déjà en place au niveau 2), qui patrouillent gares, lieux de culte, écoles et autres sites sensibles.",
                "lang": "en",
                "text": "Opération Sentinelle: about 3,000 soldiers deployed at the time of the raise (the deployment already in place at level 2), patrolling transport hubs, places of worship, schools and other sensitive sites.",
            },
            "id": "fr-vigipirate-2024-03-24-sentinelle-deployed",
            "quantity": 3000,
            "source_ids": [
                "article-2024-03-26-macron-is-cell-foiled-plots",
                "article-macron-high-alert-group-behind-moscow-attack-tried-france",
                "linternaute-2024-03-que-change-urgence-attentat",
                "france3-cvl-2024-03-25-urgence-attentat-region",
            ],
            "unit": "soldiers",
        }
    ],
    "notes": 'announced_at is the time of Attal\'s post on X given by Centre Presse Aveyron ("à 21 heures 30, dimanche"), in CET (+01:00; summer time began on 31 March 2024). Attal\'s train-station remarks in article 000 are not dated there; France 3 and Linternaute place them at Gare Saint-Lazare on Monday 25 March. The English quotations are the sources\' own translations. Kept "urgence attentat" on 7 May 2024 for "été-automne 2024" and still active after the Olympic Games per an undated piece written before 7 January 2025 (cfjlab); kept by the "Hiver-printemps 2025" posture from 15 January 2025 (Plouay, 17 January 2025), the "été-automne 2025" posture from 1 July 2025 (Pizay) and the "Hiver-Printemps 2026" posture from 5 January 2026 (Gréolières; L\'Écho du mardi, 17 January 2026, under Prime Minister Sébastien Lecornu); no later change was found.',
    "scope": {"areas": [], "type": "national"},
    "sources": [
        {
            "id": "article-2024-03-26-macron-is-cell-foiled-plots",
            "kind": "news-website",
            "language": "en",
            "published_date": "2024-03-26",
            "publisher": None,
            "title": "(untitled English news text, datelined 26-3-2024 (PARIS)) on Macron linking the Moscow attackers to an Islamic State cell behind foiled plots in France",
            "url": None,
        },
        {
            "id": "article-macron-high-alert-group-behind-moscow-attack-tried-france",
            "kind": "news-website",
            "language": "en",
            "published_date": None,
            "publisher": None,
            "title": "Emmanuel Macron on high alert as ‘group behind Moscow attack tried to attack France’ | World | News",
            "url": None,
        },
    ],
    "summary": {
        "en": 'Two days after the Crocus City Hall attack near Moscow, claimed by the Islamic State, a Defence and National Security Council convened at the Élysée by President Emmanuel Macron on Sunday 24 March 2024 decided to raise Vigipirate to "urgence attentat"; Prime Minister Gabriel Attal announced it on X at about 21:30. The Government cited the claim by Islamic State – Khorasan Province, a group that threatens France and was involved in foiled attack plans in Europe; the next day Emmanuel Macron (in French Guiana) called it a precautionary decision based on credible evidence. It was the fourth activation of this level since 2016. The level was kept on 7 May 2024 for summer and autumn 2024, was still in force after the Olympic Games, and was kept by the postures of 15 January 2025, 1 July 2025 and 5 January 2026 (still in force on 17 January 2026).',
        "fr": "Deux jours après l'attentat du Crocus City Hall près de Moscou, revendiqué par l'État islamique, un Conseil de défense et de sécurité nationale réuni à l'Élysée par le président Emmanuel Macron le dimanche 24 mars 2024 décide de rehausser Vigipirate au niveau « urgence attentat » ; le Premier ministre Gabriel Attal l'annonce sur X vers 21 h 30. Le gouvernement invoque la revendication par l'État islamique au Khorassan, une organisation qui menace la France et a été impliquée dans des projets d'attentats déjoués en Europe ; le lendemain, Emmanuel Macron (en Guyane) parle d'une décision de précaution fondée sur des éléments crédibles. C'est la quatrième activation de ce niveau depuis 2016. Le niveau a été maintenu le 7 mai 2024 pour l'été et l'automne 2024, restait en vigueur après les Jeux olympiques, et a été maintenu par les postures du 15 janvier 2025, du 1er juillet 2025 et du 5 janvier 2026 (toujours en vigueur le 17 janvier 2026).",
        "lang": "en",
        "text": 'Two days after the Crocus City Hall attack near Moscow, claimed by the Islamic State, a Defence and National Security Council convened at the Élysée by President Emmanuel Macron on Sunday 24 March 2024 decided to raise Vigipirate to "urgence attentat"; Prime Minister Gabriel Attal announced it on X at about 21:30. The Government cited the claim by Islamic State – Khorasan Province, a group that threatens France and was involved in foiled attack plans in Europe; the next day Emmanuel Macron (in French Guiana) called it a precautionary decision based on credible evidence. It was the fourth activation of this level since 2016. The level was kept on 7 May 2024 for summer and autumn 2024, was still in force after the Olympic Games, and was kept by the postures of 15 January 2025, 1 July 2025 and 5 January 2026 (still in force on 17 January 2026).',
    },
    "system": "fr-vigipirate",
    "to_level": {
        "code": "urgence-attentat",
        "colour": "#c1121f",
        "name": {"en": "Attack emergency", "fr": "Urgence attentat", "lang": "en", "text": "Attack emergency"},
        "rank": 3,
        "severity": 1.0,
    },
    "triggers": [
        {
            "country": "RU",
            "id": "2024-03-22-crocus-city-hall-attack",
            "kind": "attack",
            "occurred_date": "2024-03-22",
            "title": {
                "en": "Crocus City Hall attack",
                "fr": "Attentat du Crocus City Hall",
                "lang": "en",
                "text": "Crocus City Hall attack",
            },
        }
    ],
    "variants": [
        {
            "field": "to_level",
            "note": 'Literal mistranslation of "urgence attentat" (attack emergency); kept verbatim in the quotation.',
            "source_id": "article-france-raises-vigipirate-highest-level-after-moscow-attack",
            "value": "emergency attack",
        }
    ],
}

CHANGE_LIST = {"items": [item(CHANGE)], "dataset_revision": 276, "lang": "en", "total": 8}

CHANGES_CSV = 'id,system,country,effective_date,effective_at,decided_date,announced_date,announced_at,direction,from_level,from_level_rank,from_level_name_fr,from_level_name_en,from_level_severity,to_level,to_level_rank,to_level_name_fr,to_level_name_en,to_level_severity,scope,areas,announced_by,announced_by_role,summary_fr,summary_en,triggers,justifications,measures,sources\r\nfr-vigipirate-2024-03-24,fr-vigipirate,FR,2024-03-24,,2024-03-24,2024-03-24,2024-03-24T21:30:00+01:00,raise,securite-renforcee-risque-attentat,2,Sécurité renforcée – risque attentat,Enhanced security – risk of attack,0.6667,urgence-attentat,3,Urgence attentat,Attack emergency,1.0,national,,Gabriel Attal,Prime Minister,"Deux jours après l\'attentat du Crocus City Hall près de Moscou, revendiqué par l\'État islamique, un Conseil de défense et de sécurité nationale réuni à l\'Élysée par le président Emmanuel Macron le dimanche 24 mars 2024 décide de rehausser Vigipirate au niveau « urgence attentat » ; le Premier ministre Gabriel Attal l\'annonce sur X vers 21 h 30. Le gouvernement invoque la revendication par l\'État islamique au Khorassan, une organisation qui menace la France et a été impliquée dans des projets d\'attentats déjoués en Europe ; le lendemain, Emmanuel Macron (en Guyane) parle d\'une décision de précaution fondée sur des éléments crédibles. C\'est la quatrième activation de ce niveau depuis 2016. Le niveau a été maintenu le 7 mai 2024 pour l\'été et l\'automne 2024, restait en vigueur après les Jeux olympiques, et a été maintenu par les postures du 15 janvier 2025, du 1er juillet 2025 et du 5 janvier 2026 (toujours en vigueur le 17 janvier 2026).","Two days after the Crocus City Hall attack near Moscow, claimed by the Islamic State, a Defence and National Security Council convened at the Élysée by President Emmanuel Macron on Sunday 24 March 2024 decided to raise Vigipirate to ""urgence attentat""; Prime Minister Gabriel Attal announced it on X at about 21:30. The Government cited the claim by Islamic State – Khorasan Province, a group that threatens France and was involved in foiled attack plans in Europe; the next day Emmanuel Macron (in French Guiana) called it a precautionary decision based on credible evidence. It was the fourth activation of this level since 2016. The level was kept on 7 May 2024 for summer and autumn 2024, was still in force after the Olympic Games, and was kept by the postures of 15 January 2025, 1 July 2025 and 5 January 2026 (still in force on 17 January 2026).",2024-03-22-crocus-city-hall-attack,9,6,article-2024-03-26-macron-is-cell-foiled-plots;article-macron-high-alert-group-behind-moscow-attack-tried-france;article-2024-03-25-gestion-macron-group-moscow-massacre-attempts-france;article-france-raises-vigipirate-highest-level-after-moscow-attack;article-is-offshoot-active-in-france-macron-offers-putin-opportunity;europe1-2024-03-urgence-attentat-autres-fois;tf1info-2024-03-urgence-attentat-de-quoi-s-agit-il;centrepresseaveyron-2024-03-25-vigipirate-urgence-attentat;linternaute-2024-03-que-change-urgence-attentat;france3-cvl-2024-03-25-urgence-attentat-region;blick-ats-2024-03-24-vigipirate-urgence-attentat;brindas-2024-vigipirate-urgence-attentat-jo;cfjlab-vigipirate-ou-en-est-on;plouay-2025-01-17-vigipirate-hiver-printemps-2025;pizay-vigipirate-ete-automne-2025;greolieres-vigipirate-hiver-printemps-2026;echodumardi-2026-01-17-vigipirate-prolonge-2026\r\nfr-vigipirate-2024-01-15,fr-vigipirate,FR,2024-01-15,,,,,lower,urgence-attentat,3,Urgence attentat,Attack emergency,1.0,securite-renforcee-risque-attentat,2,Sécurité renforcée – risque attentat,Enhanced security – risk of attack,0.6667,national,,,,"Le 15 janvier 2024, trois mois après l\'attentat d\'Arras, le plan Vigipirate est ramené au niveau « Sécurité renforcée – risque attentat » sur l\'ensemble du territoire.","On 15 January 2024, three months after the Arras attack, Vigipirate was brought back to ""Enhanced security – risk of attack"" on the whole territory.",,0,0,connexion-2024-01-16-france-lowered-terrorism-alert;europe1-2024-03-urgence-attentat-autres-fois;linternaute-2024-03-que-change-urgence-attentat;blick-ats-2024-03-24-vigipirate-urgence-attentat;article-france-raises-vigipirate-highest-level-after-moscow-attack;article-is-offshoot-active-in-france-macron-offers-putin-opportunity\r\n'

CHANGES_NDJSON = '{"announced_at": null, "announced_by": {"name": "Présidence de la République (Élysée)", "role": "Office of the President of the Republic (François Hollande)"}, "announced_date": "2016-11-30", "decided_date": null, "direction": "initial", "effective_at": null, "effective_date": "2016-12-01", "from_level": null, "id": "fr-vigipirate-2016-12-01", "justifications": [{"id": "fr-vigipirate-2016-12-01-elysee-communique", "language": "fr", "medium": "statement", "notes": null, "original_language": null, "quote": "Le conseil a validé le nouveau plan Vigipirate adapté à l\'évolution des menaces, qui viendra compléter les mesures prises depuis les attentats qui ont frappé notre pays. Il comprendra trois niveaux de protection au lieu de deux actuellement et entrera en vigueur le 1er décembre", "said_date": "2016-11-30", "source_id": "sn-sn-2016-12-02-elysee-nouveau-plan-vigipirate", "speaker": "Présidence de la République (Élysée)", "speaker_role": "Office of the President of the Republic (François Hollande)"}], "measures": [{"description": {"en": "Posture \\"Transition 2016-2017\\" applying from 1 December 2016, taking account of the vulnerabilities of the end of 2016 and the first quarter of 2017; planned to remain in force until 20 March 2017 (publication of the official list of presidential candidates), barring particular events.", "fr": "Posture « Transition 2016-2017 » applicable à partir du 1er décembre 2016, tenant compte des vulnérabilités de la fin 2016 et du premier trimestre 2017 ; prévue jusqu\'au 20 mars 2017 (publication de la liste officielle des candidats à l\'élection présidentielle), sauf événement particulier.", "lang": "en", "text": "Posture \\"Transition 2016-2017\\" applying from 1 December 2016, taking account of the vulnerabilities of the end of 2016 and the first quarter of 2017; planned to remain in force until 20 March 2017 (publication of the official list of presidential candidates), barring particular events."}, "id": "fr-vigipirate-2016-12-01-posture-transition", "quantity": null, "source_ids": ["uriopss-alsace-2016-12-posture-vigipirate-transition"], "unit": null}, {"description": {"en": "The plan comprises about 300 measures in 13 areas of action (transport, hazardous materials, energy networks, borders, etc.), some permanent (the base) and others activated according to the threat.", "fr": "Le plan comprend environ 300 mesures réparties en 13 domaines d\'action (transports, matières dangereuses, réseaux énergétiques, frontières, etc.), les unes permanentes (le socle), les autres activées selon la menace.", "lang": "en", "text": "The plan comprises about 300 measures in 13 areas of action (transport, hazardous materials, energy networks, borders, etc.), some permanent (the base) and others activated according to the threat."}, "id": "fr-vigipirate-2016-12-01-300-measures", "quantity": 300, "source_ids": ["rt-france-2016-11-30-nouveau-plan-vigipirate"], "unit": "measures"}], "notes": "First record of the history: the level in force when the three-level scale came into force. Before it, under the 2014 scale, Île-de-France and Alpes-Maritimes were at \\"alerte attentat\\" and the rest of the territory at \\"vigilance renforcée\\" (Europe 1, 2016); that earlier state is not modelled as changes. announced_date is the Élysée communiqué of the evening of Wednesday 30 November 2016.", "scope": {"areas": [], "type": "national"}, "sources": [{"id": "uriopss-alsace-2016-12-posture-vigipirate-transition", "kind": "official", "language": "fr", "published_date": null, "publisher": "URIOPSS Alsace", "title": "(notice relaying the new posture VIGIPIRATE « Transition 2016-2017 »)", "url": "http://expertise.uriopss-alsace.asso.fr/section/alsa_detail.html?publicationId=p5501481189233167"}, {"id": "rt-france-2016-11-30-nouveau-plan-vigipirate", "kind": "news-website", "language": "fr", "published_date": null, "publisher": "RT France", "title": "(RT France article on the new Vigipirate plan; address slug: plan-vigipirate-autorites-francaises)", "url": "https://francais.rt.com/france/29984-plan-vigipirate-autorites-francaises/amp"}, {"id": "20minutes-2016-12-01-vigipirate-troisieme-niveau", "kind": "newspaper", "language": "fr", "published_date": "2016-12-01", "publisher": "20 Minutes", "title": "Plan Vigipirate: L\'Elysée met en place un troisième niveau d\'alerte", "url": "https://www.20minutes.fr/societe/1972099-20161201-plan-vigipirate-elysee-met-place-troisieme-niveau-alerte"}, {"id": "europe1-2016-11-vigipirate-plus", "kind": "news-website", "language": "fr", "published_date": null, "publisher": "Europe 1", "title": "Avant les fêtes, un nouveau plan Vigipirate face à la menace terroriste", "url": "https://europe1.fr/societe/avant-les-fetes-un-nouveau-plan-vigipirate-face-a-la-menace-terroriste-2917103"}, {"id": "sn-sn-2016-12-02-elysee-nouveau-plan-vigipirate", "kind": "news-website", "language": "fr", "published_date": "2016-12-02", "publisher": null, "title": "(French-language news item on the Élysée communiqué of 30 November 2016 on the new Vigipirate plan)", "url": "http://sn-sn.com/International/n3/2016/1202/c31356-9149830.html"}], "summary": {"en": "The new three-level Vigipirate plan, approved the day before by the Defence and National Security Council at the Élysée, came into force: the whole national territory was placed at \\"Enhanced security – risk of attack\\" (posture \\"Transition 2016-2017\\", planned to last until 20 March 2017 barring particular events).", "fr": "Entrée en vigueur du nouveau plan Vigipirate à trois niveaux, validé la veille en Conseil de défense et de sécurité nationale à l\'Élysée : l\'ensemble du territoire national est placé au niveau « Sécurité renforcée – risque attentat » (posture « Transition 2016-2017 », prévue jusqu\'au 20 mars 2017 sauf événement particulier).", "lang": "en", "text": "The new three-level Vigipirate plan, approved the day before by the Defence and National Security Council at the Élysée, came into force: the whole national territory was placed at \\"Enhanced security – risk of attack\\" (posture \\"Transition 2016-2017\\", planned to last until 20 March 2017 barring particular events)."}, "system": "fr-vigipirate", "to_level": {"code": "securite-renforcee-risque-attentat", "colour": "#f08a24", "name": {"en": "Enhanced security – risk of attack", "fr": "Sécurité renforcée – risque attentat", "lang": "en", "text": "Enhanced security – risk of attack"}, "rank": 2, "severity": 0.6667}, "triggers": [], "variants": [{"field": "effective_date", "note": "Other sources (Élysée communiqué quoted by sn-sn.com, 20 Minutes, URIOPSS Alsace, Europe 1) give approval on 30 November and entry into force on 1 December 2016.", "source_id": "rt-france-2016-11-30-nouveau-plan-vigipirate", "value": "est entré en vigueur le 30 novembre"}, {"field": "system.history", "note": "The plan was created in 1978 (after the Orly airport attack of 20 May 1978, per sn-sn.com and franceinfo; TF1info and RTL also give 1978); December 2016 is when its three-level scale was introduced.", "source_id": "article-2024-03-25-gestion-macron-group-moscow-massacre-attempts-france", "value": "The Vigipirate plan against terrorism was launched in December 2016 after the wave of attacks that the country suffered in 2015-2016"}, {"field": "previous_scale.valid_from", "note": "The two-level plan applied from 20 February 2014 according to the Hérault prefecture and Wikipedia (February 2014).", "source_id": "europe1-2016-11-vigipirate-plus", "value": "avait déjà été revu en 2013"}]}\n'

EVENT = {
    "casualties": [
        {
            "as_of": "2024-03-23",
            "injured": 100,
            "injured_qualifier": "more-than",
            "killed": 133,
            "killed_qualifier": "at-least",
            "note": "Figures given by investigators the day after the attack.",
            "source_id": "wikipedia-en-crocus-city-hall-attack-oldid-1215221086",
        },
        {
            "as_of": None,
            "injured": None,
            "injured_qualifier": None,
            "killed": 137,
            "killed_qualifier": "exact",
            "note": '"left 137 dead".',
            "source_id": "article-2024-03-26-macron-is-cell-foiled-plots",
        },
    ],
    "country": "RU",
    "dataset_revision": 276,
    "id": "2024-03-22-crocus-city-hall-attack",
    "kind": "attack",
    "lang": "en",
    "occurred_at": None,
    "occurred_date": "2024-03-22",
    "perpetrators": [
        {
            "name": "Islamic State",
            "role": "claimed",
            "source_ids": [
                "article-2024-03-26-macron-is-cell-foiled-plots",
                "article-macron-high-alert-group-behind-moscow-attack-tried-france",
                "article-france-raises-vigipirate-highest-level-after-moscow-attack",
                "article-is-offshoot-active-in-france-macron-offers-putin-opportunity",
                "wikipedia-en-crocus-city-hall-attack",
            ],
        }
    ],
    "place": "Crocus City Hall, Krasnogorsk, Moscow Oblast",
    "sources": [
        {
            "id": "article-2024-03-26-macron-is-cell-foiled-plots",
            "kind": "news-website",
            "language": "en",
            "published_date": "2024-03-26",
            "publisher": None,
            "title": "(untitled English news text, datelined 26-3-2024 (PARIS)) on Macron linking the Moscow attackers to an Islamic State cell behind foiled plots in France",
            "url": None,
        },
        {
            "id": "article-macron-high-alert-group-behind-moscow-attack-tried-france",
            "kind": "news-website",
            "language": "en",
            "published_date": None,
            "publisher": None,
            "title": "Emmanuel Macron on high alert as ‘group behind Moscow attack tried to attack France’ | World | News",
            "url": None,
        },
    ],
    "summary": {
        "en": "On the evening of Friday 22 March 2024, shortly before a concert by the band Picnic, four gunmen attacked the audience at Crocus City Hall in Krasnogorsk (Moscow Oblast), shooting into the crowd and setting the venue on fire. The Islamic State claimed it; its Khorasan branch (ISKP) is held most likely responsible. Russia charged four men; Vladimir Putin suggested a Ukrainian link, which Ukraine denied and for which the United States said it saw no indication. Reported tolls ranged from 133 to 145 dead.",
        "fr": "Le vendredi 22 mars 2024 au soir, peu avant un concert du groupe Picnic, quatre hommes armés attaquent le public du Crocus City Hall à Krasnogorsk (oblast de Moscou), tirent sur la foule et incendient la salle. L'État islamique revendique l'attaque ; sa branche Khorassan (EI-K) est tenue pour la plus probablement responsable. La Russie inculpe quatre hommes ; Vladimir Poutine évoque une piste ukrainienne, démentie par l'Ukraine, et les États-Unis disent n'avoir aucun indice d'une implication de Kiev. Les bilans ont évolué de 133 à 145 morts.",
        "lang": "en",
        "text": "On the evening of Friday 22 March 2024, shortly before a concert by the band Picnic, four gunmen attacked the audience at Crocus City Hall in Krasnogorsk (Moscow Oblast), shooting into the crowd and setting the venue on fire. The Islamic State claimed it; its Khorasan branch (ISKP) is held most likely responsible. Russia charged four men; Vladimir Putin suggested a Ukrainian link, which Ukraine denied and for which the United States said it saw no indication. Reported tolls ranged from 133 to 145 dead.",
    },
    "title": {
        "en": "Crocus City Hall attack",
        "fr": "Attentat du Crocus City Hall",
        "lang": "en",
        "text": "Crocus City Hall attack",
    },
    "variants": [
        {
            "field": "place",
            "note": "The venue is Crocus City Hall.",
            "source_id": "article-macron-high-alert-group-behind-moscow-attack-tried-france",
            "value": "the Crocus City concert hall",
        }
    ],
}

EVENT_LIST = {"items": [item(EVENT)], "dataset_revision": 276, "lang": "en", "total": 1}

EVENTS_CSV = 'id,kind,occurred_date,occurred_at,country,place,title_fr,title_en,summary_fr,summary_en,perpetrators,casualty_reports,sources\r\n2024-03-22-crocus-city-hall-attack,attack,2024-03-22,,RU,"Crocus City Hall, Krasnogorsk, Moscow Oblast",Attentat du Crocus City Hall,Crocus City Hall attack,"Le vendredi 22 mars 2024 au soir, peu avant un concert du groupe Picnic, quatre hommes armés attaquent le public du Crocus City Hall à Krasnogorsk (oblast de Moscou), tirent sur la foule et incendient la salle. L\'État islamique revendique l\'attaque ; sa branche Khorassan (EI-K) est tenue pour la plus probablement responsable. La Russie inculpe quatre hommes ; Vladimir Poutine évoque une piste ukrainienne, démentie par l\'Ukraine, et les États-Unis disent n\'avoir aucun indice d\'une implication de Kiev. Les bilans ont évolué de 133 à 145 morts.","On the evening of Friday 22 March 2024, shortly before a concert by the band Picnic, four gunmen attacked the audience at Crocus City Hall in Krasnogorsk (Moscow Oblast), shooting into the crowd and setting the venue on fire. The Islamic State claimed it; its Khorasan branch (ISKP) is held most likely responsible. Russia charged four men; Vladimir Putin suggested a Ukrainian link, which Ukraine denied and for which the United States said it saw no indication. Reported tolls ranged from 133 to 145 dead.",Islamic State (claimed);Islamic State – Khorasan Province (ISKP) (claimed);Dalerdzhon Mirzoyev (suspected);Muhammadsobir Fayzov (suspected);Saidakrami Murodali Rachabalizoda (suspected);Shamsidin Fariduni (suspected),10,article-2024-03-26-macron-is-cell-foiled-plots;article-macron-high-alert-group-behind-moscow-attack-tried-france;article-2024-03-25-gestion-macron-group-moscow-massacre-attempts-france;article-france-raises-vigipirate-highest-level-after-moscow-attack;article-is-offshoot-active-in-france-macron-offers-putin-opportunity;europe1-2024-03-urgence-attentat-autres-fois;tf1info-2024-03-urgence-attentat-de-quoi-s-agit-il;wikipedia-en-crocus-city-hall-attack;wikipedia-en-crocus-city-hall-attack-oldid-1215221086;kazpravda-interfax-2024-03-30-crocus-toll-144;taz-2024-03-faeser-akute-terrorgefahr\r\n'

EVENTS_NDJSON = '{"casualties": [{"as_of": "2015-11-15", "injured": 352, "injured_qualifier": "exact", "killed": 129, "killed_qualifier": "exact", "note": null, "source_id": "thebulletin-2015-11-15-threat-level-public-events"}, {"as_of": "2015-11-16", "injured": null, "injured_qualifier": null, "killed": 129, "killed_qualifier": "at-least", "note": null, "source_id": "francetvinfo-2015-11-16-match-belgique-espagne-annule"}, {"as_of": "2015-11-26", "injured": 360, "injured_qualifier": "more-than", "killed": 130, "killed_qualifier": "more-than", "note": null, "source_id": "newsdailyspot-bbc-2015-11-26-brussels-threat-reduced"}, {"as_of": "2018-01-23", "injured": null, "injured_qualifier": null, "killed": 130, "killed_qualifier": "exact", "note": null, "source_id": "dw-2018-01-23-belgium-lowers-terror-threat"}], "country": "FR", "id": "2015-11-13-paris-attacks", "kind": "attack", "occurred_at": null, "occurred_date": "2015-11-13", "perpetrators": [{"name": "Islamic State", "role": "blamed", "source_ids": ["dw-2018-01-23-belgium-lowers-terror-threat", "newsdailyspot-bbc-2015-11-26-brussels-threat-reduced"]}, {"name": "Salah Abdeslam", "role": "suspected", "source_ids": ["vrt-fr-2015-11-17-niveau-alerte-releve"]}], "place": "Paris and Saint-Denis", "sources": [{"id": "thebulletin-2015-11-15-threat-level-public-events", "kind": "news-website", "language": "en", "published_date": "2015-11-15", "publisher": "The Bulletin", "title": "Belgium raises terror threat level at public events after Paris attacks", "url": "https://www.thebulletin.be/node/55889"}, {"id": "francetvinfo-2015-11-16-match-belgique-espagne-annule", "kind": "news-website", "language": "fr", "published_date": "2015-11-16", "publisher": "franceinfo (AFP)", "title": "Football : le match Belgique-Espagne annulé après les attentats de Paris", "url": "https://francetvinfo.fr/faits-divers/terrorisme/attaques-du-13-novembre-a-paris/football-le-match-belgique-espagne-annule-apres-les-attentats-de-paris_1179447.html"}, {"id": "newsdailyspot-bbc-2015-11-26-brussels-threat-reduced", "kind": "news-website", "language": "en", "published_date": null, "publisher": null, "title": "Paris attacks: Brussels threat level reduced", "url": "http://newsdailyspot.blogspot.com/2015/11/paris-attacks-brussels-threat-level.html"}, {"id": "dw-2018-01-23-belgium-lowers-terror-threat", "kind": "news-website", "language": "en", "published_date": "2018-01-23", "publisher": "Deutsche Welle", "title": "Belgium lowers terror threat level", "url": "https://amp.dw.com/en/belgium-lowers-terror-threat-level-to-pre-attacks-status/a-42264999"}, {"id": "vrt-fr-2015-11-17-niveau-alerte-releve", "kind": "news-website", "language": "fr", "published_date": "2015-11-17", "publisher": "VRT NWS (en français)", "title": "Niveau d’alerte relevé, le match Belgique-Espagne annulé", "url": "https://www.vrt.be/vrtnws/fr/2015/11/17/niveau_d_alerte_relevelematchbelgique-espagneannule-1-2498504/"}], "summary": {"en": "On the night of Friday 13 November 2015 coordinated shootings and suicide bombings in Paris and Saint-Denis, carried out by extremists affiliated with the so-called Islamic State, killed about 130 people; some attackers had lived in Brussels, and the suspect Salah Abdeslam, a Brussels resident, was sought in Belgium.", "fr": null, "lang": "en", "text": "On the night of Friday 13 November 2015 coordinated shootings and suicide bombings in Paris and Saint-Denis, carried out by extremists affiliated with the so-called Islamic State, killed about 130 people; some attackers had lived in Brussels, and the suspect Salah Abdeslam, a Brussels resident, was sought in Belgium."}, "title": {"en": "13 November 2015 Paris attacks", "fr": "Attentats du 13 novembre 2015 à Paris et Saint-Denis", "lang": "en", "text": "13 November 2015 Paris attacks"}, "variants": []}\n'

SOURCE = {
    "archive_url": None,
    "author": None,
    "dataset_revision": 276,
    "id": "europe1-2016-11-vigipirate-plus",
    "kind": "news-website",
    "lang": "en",
    "language": "fr",
    "local_copy": None,
    "published_date": None,
    "publisher": "Europe 1",
    "reliability": 'Title reconstructed from the address (accents and punctuation ours); 1 or 2 December 2016 ("validé par un Conseil de Défense réuni mercredi ... entré en vigueur jeudi"). Explains the 2016 reform (quotes SGDSN head Louis Gautier) and the previous two-level scale. Disagrees on the date of the previous reform: "avait déjà été revu en 2013" (the two-level plan applied from 20 February 2014 per the Hérault prefecture).',
    "title": "Avant les fêtes, un nouveau plan Vigipirate face à la menace terroriste",
    "url": "https://europe1.fr/societe/avant-les-fetes-un-nouveau-plan-vigipirate-face-a-la-menace-terroriste-2917103",
}

SOURCE_LIST = {"items": [item(SOURCE)], "dataset_revision": 276, "lang": "en", "total": 5}

SOURCES_CSV = 'id,kind,publisher,title,author,language,published_date,url,archive_url,local_copy,reliability\r\neurope1-2016-11-vigipirate-plus,news-website,Europe 1,"Avant les fêtes, un nouveau plan Vigipirate face à la menace terroriste",,fr,,https://europe1.fr/societe/avant-les-fetes-un-nouveau-plan-vigipirate-face-a-la-menace-terroriste-2917103,,,"Title reconstructed from the address (accents and punctuation ours); 1 or 2 December 2016 (""validé par un Conseil de Défense réuni mercredi ... entré en vigueur jeudi""). Explains the 2016 reform (quotes SGDSN head Louis Gautier) and the previous two-level scale. Disagrees on the date of the previous reform: ""avait déjà été revu en 2013"" (the two-level plan applied from 20 February 2014 per the Hérault prefecture)."\r\n'

SOURCES_NDJSON = '{"archive_url": null, "author": null, "id": "europe1-2016-11-vigipirate-plus", "kind": "news-website", "language": "fr", "local_copy": null, "published_date": null, "publisher": "Europe 1", "reliability": "Title reconstructed from the address (accents and punctuation ours); 1 or 2 December 2016 (\\"validé par un Conseil de Défense réuni mercredi ... entré en vigueur jeudi\\"). Explains the 2016 reform (quotes SGDSN head Louis Gautier) and the previous two-level scale. Disagrees on the date of the previous reform: \\"avait déjà été revu en 2013\\" (the two-level plan applied from 20 February 2014 per the Hérault prefecture).", "title": "Avant les fêtes, un nouveau plan Vigipirate face à la menace terroriste", "url": "https://europe1.fr/societe/avant-les-fetes-un-nouveau-plan-vigipirate-face-a-la-menace-terroriste-2917103"}\n'
