"""The authorisation matrix: per service, per operation of its contract, the roles that may call it.

Reviewed against the domain: e-form vendors submit and follow their own applications; officers (behandelaar)
handle them, approvers (fiatteur, who are officers too) approve decisions; the policy administrator
(beleidsbeheerder) manages route policy and parameters; auditors read processing records and the work but
change nothing; services call each other for the pipeline steps; the operator (beheerder) steers outbox
delivery and reads no applications at all. Used by the matrix test and by the contract fuzzing (which key to
send for an operation)."""

from __future__ import annotations

V, OF, A, P, U, S, B = "vendor", "behandelaar", "fiatteur", "beleidsbeheerder", "auditor", "service", "beheerder"
PUBLIC = "public"
BACKOFFICE_READ = {OF, A, U}

MATRIX: dict[str, dict[str, set[str]]] = {
    "intake-api": {
        "aanvragen-submit_aanvraag": {V, OF},
        "aanvragen-get_aanvraag": {V, OF, U, S},
        # A vendor lists and searches its own submissions only (see the ownership tests).
        "aanvragen-list_aanvragen": {V, OF, U, S},
        "aanvragen-search_aanvragen": {V, OF, U, S},
        "aanvragen-report_besluit": {S},
        "aanvragen-report_status": {S},
        "aanvragen-report_besluiten": {S},
        "aanvragen-report_statussen": {S},
        "aanvragen-correct_aanvraag": {V, OF},
        "aanvragen-list_versies": {V, OF, U, S},
        "aanvragen-renew_aanvraag": {V, OF},
        "concepten-create_concept": {V, OF},
        "concepten-get_concept": {V, OF},
        "concepten-update_concept": {V, OF},
        "concepten-delete_concept": {V, OF},
        "concepten-submit_concept": {V, OF},
        "bijlagen-upload_to_concept": {V, OF},
        "bijlagen-list_concept_bijlagen": {V, OF},
        "bijlagen-upload_to_aanvraag": {V, OF},
        "bijlagen-list_aanvraag_bijlagen": {V, OF, U},
        "bijlagen-get_bijlage": {V, OF, U},
        "bijlagen-delete_bijlage": {V, OF},
        "bijlagen-download_bijlage": {V, OF, U},
        "prefill-prefill": {V, OF},
        "voorcheck-doelgroep_check": {V, OF},
        # The published JSON Schema of an application is part of the contract: open like /v1/openapi.json.
        "schemas-get_aanvraag_schema": {PUBLIC},
        # Open Forms registers as an e-form vendor; a municipality's form-to-application mapping is policy.
        "open-forms-registreer": {V},
        "open-forms-list_koppelingen": {P, U},
        "open-forms-get_koppeling": {P, U},
        "open-forms-put_koppeling": {P},
        "open-forms-delete_koppeling": {P},
        "outbox-list_outbox_berichten": {B},
        "outbox-resend_outbox_bericht": {B},
    },
    "routing-api": {
        "routeringen-create_routering": {S, OF},
        "routeringen-create_routeringen": {S, OF},  # the bulk: as the single endpoint
        "routeringen-get_routering": {S, OF, U},
        "routeringen-redetermine_routering": {S, OF},
        "routeringen-override_routering": {OF},
        "beleidsversies-list_beleidsversies": {P, OF, U, S},
        "beleidsversies-create_beleidsversie": {P},
        "beleidsversies-get_beleidsversie": {P, OF, U, S},
        "beleidsversies-activate_beleidsversie": {P},
        "wat-als-analyses-create_wat_als_analyse": {P, U},
    },
    "registers-adapter": {
        # Personal data from BRP, KVK and Suwinet: the pipeline (service) and officers, never an e-form vendor
        # directly (a vendor's prefill goes through intake-api, which calls here as a service).
        "bbz-gegevens-lookup": {S, OF},
        "bbz-gegevens-lookup_bulk": {S, OF},
        "verwerkingen-list_verwerkingen": {U},
        "verwerkingen-search_verwerkingen": {U},
    },
    "decision-api": {
        "behandelingen-offer_behandeling": {S},
        "behandelingen-offer_behandelingen": {S},
        "behandelingen-get_behandeling": BACKOFFICE_READ | {S},
        "behandelingen-list_werkvoorraad": BACKOFFICE_READ | {S},
        "behandelingen-assign_behandeling": {OF},
        "behandelingen-add_notitie": {OF},
        "behandelingen-list_notities": BACKOFFICE_READ | {S},
        "behandelingen-close_behandeling": {OF},
        "termijnen-get_termijn": BACKOFFICE_READ | {S},
        "termijnen-extend_termijn": {OF},
        "termijnen-send_herstelverzoek": {OF},
        "termijnen-list_herstelverzoeken": BACKOFFICE_READ | {S},
        "termijnen-record_aanvulling": {OF},
        "termijnen-list_termijnbewaking": BACKOFFICE_READ | {S},
        "bevindingen-record_bevinding": {OF},
        "bevindingen-list_bevindingen": BACKOFFICE_READ | {S},
        "besluiten-get_besluit": BACKOFFICE_READ | {S},
        "besluiten-propose_besluit": {OF},
        "besluiten-get_besluitvoorstel": BACKOFFICE_READ | {S},
        "besluiten-approve_besluitvoorstel": {A},
        # The beschikking is the letter to the applicant: the vendor's portal shows it (own applications only).
        "beschikkingen-get_beschikking": BACKOFFICE_READ | {S, V},
        "beschikkingen-get_beschikking_pdf": BACKOFFICE_READ | {S, V},
        "beschikkingen-get_beschikking_html": BACKOFFICE_READ | {S, V},
        "steekproef-list_steekproefcontroles": BACKOFFICE_READ,
        "steekproef-record_steekproefresultaat": {OF},
        "managementinformatie-get_managementinformatie": BACKOFFICE_READ | {P},
        "parameters-list_parameters": BACKOFFICE_READ | {P},
        "parameters-add_parameter": {P},
        "normen-list_normen": BACKOFFICE_READ | {S},
        "normen-calculate_inkomensaanvulling": BACKOFFICE_READ | {S},
        # Money: officers prepare, the approver (four-eyes) releases and exports; auditors read. No pipeline step
        # of another service needs payment orders, loans or recovery claims, so the service role does not.
        "betalingen-list_betaalopdrachten": BACKOFFICE_READ,
        "betalingen-approve_betaalopdrachten": {A},
        "betalingen-create_betaalbestand": {A},
        "betalingen-get_betaalbestand": BACKOFFICE_READ,
        "betalingen-get_betaalbestand_xml": BACKOFFICE_READ,
        "betalingen-mark_betaalbestand_paid": {A},
        "leningen-list_leningen": BACKOFFICE_READ,
        "leningen-get_lening": BACKOFFICE_READ,
        "leningen-get_aflossingsschema": BACKOFFICE_READ,
        "leningen-sign_akte": {OF},
        "leningen-defer_lening": {OF},
        "leningen-claim_lening": {OF},
        "vorderingen-list_vorderingen": BACKOFFICE_READ,
        "vorderingen-get_vordering": BACKOFFICE_READ,
        "leningen-remit_rente": {OF},
        "leningen-convert_lening": {OF},
        "debiteuren-list_debiteuren": BACKOFFICE_READ,
        "debiteuren-add_lening_ontvangst": {OF},
        "debiteuren-add_vordering_ontvangst": {OF},
        "besluiten-list_besluitvoorstellen": BACKOFFICE_READ | {S},
        "outbox-list_outbox_berichten": {B},
        "outbox-resend_outbox_bericht": {B},
    },
}

# Cells where the service does not (yet) do what the matrix says: real findings, kept visible as xfail.
# Cells where a service does not (yet) do what the matrix says: real findings, kept visible as xfail (they are
# still tried, so a fix shows as XPASS). Fixed since they were found here: a vendor key reading the registers
# directly (registers-adapter e06068f), service keys reading payment orders, loans and claims (decision-api 228f0c1).
KNOWN_BUGS: dict[tuple[str, str, str], str] = {}

# The key the contract fuzzing sends for an operation: the first role of this list that the matrix allows.
FUZZ_ROLE_PREFERENCE = ["vendor", "fiatteur", "service", "beleidsbeheerder", "auditor", "beheerder"]


def fuzz_role(service: str, operation_id: str) -> str | None:
    allowed = MATRIX.get(service, {}).get(operation_id, {OF})
    if PUBLIC in allowed:
        return None
    for role in FUZZ_ROLE_PREFERENCE:
        if role in allowed or (role == "fiatteur" and OF in allowed):
            return role
    return "fiatteur"
