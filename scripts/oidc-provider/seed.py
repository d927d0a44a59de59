"""Seeds one process's database: `python seed.py keys|spid|cie` (see scripts/oidc-provider.sh).

keys  the Trust Anchor's and both providers' keys, made once into $OIDC_STATE/keys.json.
spid  the Trust Anchor, the SPID provider, every Relying Party onboarded (their public
      federation keys from $OIDC_RP_JWKS, their entity ids in $OIDC_RPS); each RP's trust marks
      are written to $OIDC_STATE/trust-marks-<port>.json, as the Trust Anchor hands them out.
cie   the CIE provider (its Trust Anchor is the spid process's).
Both providers get the test users of $OIDC_USERS (fiscal number;given;family;email;password).
"""
import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "testprovider.settings")
STATE = os.environ["OIDC_STATE"]
TA = os.environ["OIDC_TA"].rstrip("/")
SPID_OP = os.environ["OIDC_SPID"].rstrip("/")
CIE_OP = os.environ["OIDC_CIE"].rstrip("/")
RP_TM = "https://www.spid.gov.it/certification/rp/public"
OP_TM = "https://www.spid.gov.it/certification/op/public"
KEYS = os.path.join(STATE, "keys.json")
L = "https://www.spid.gov.it/SpidL"


def make_keys():
    from spid_cie_oidc.entity.jwks import create_jwk

    def key(use):
        jwk = create_jwk()
        jwk["use"] = use
        return jwk

    keys = {
        "ta": key("sig"),
        **{f"{op}_fed": key("sig") for op in ("spid", "cie")},
        **{f"{op}_sig": key("sig") for op in ("spid", "cie")},
        **{f"{op}_enc": key("enc") for op in ("spid", "cie")},
    }
    with open(KEYS, "w") as f:
        json.dump(keys, f)


def public(jwk):
    from spid_cie_oidc.entity.jwks import public_jwk_from_private_jwk

    pub = public_jwk_from_private_jwk(jwk)
    pub["use"] = jwk["use"]
    return pub


def provider_entity(profile, sub, keys):
    from spid_cie_oidc.entity.models import FederationEntityConfiguration

    sig, enc = keys[f"{profile}_sig"], keys[f"{profile}_enc"]
    name = "Provider SPID di prova" if profile == "spid" else "CIE id di prova"
    return FederationEntityConfiguration.objects.create(
        sub=sub,
        entity_type="openid_provider",
        authority_hints=[TA],
        jwks_fed=[keys[f"{profile}_fed"]],
        jwks_core=[sig, enc],
        metadata={
            "federation_entity": {
                "organization_name": name,
                "homepage_uri": sub,
                "policy_uri": sub,
                "logo_uri": f"{sub}/logo.svg",
                "contacts": ["ops@provider.example.it"],
                "federation_resolve_endpoint": f"{sub}/resolve",
            },
            "openid_provider": {
                "issuer": sub,
                "authorization_endpoint": f"{sub}/authorization",
                "token_endpoint": f"{sub}/token",
                "userinfo_endpoint": f"{sub}/userinfo",
                "introspection_endpoint": f"{sub}/introspection",
                "revocation_endpoint": f"{sub}/revocation",
                "jwks": {"keys": [public(sig), public(enc)]},
                "scopes_supported": ["openid", "offline_access"],
                "response_types_supported": ["code"],
                "response_modes_supported": ["query", "form_post"],
                "grant_types_supported": ["authorization_code", "refresh_token"],
                "acr_values_supported": [f"{L}1", f"{L}2", f"{L}3"],
                "subject_types_supported": ["pairwise"],
                "id_token_signing_alg_values_supported": ["RS256", "ES256"],
                "id_token_encryption_alg_values_supported": ["RSA-OAEP"],
                "id_token_encryption_enc_values_supported": ["A256CBC-HS512"],
                "userinfo_signing_alg_values_supported": ["RS256", "ES256"],
                "userinfo_encryption_alg_values_supported": ["RSA-OAEP"],
                "userinfo_encryption_enc_values_supported": ["A256CBC-HS512"],
                "request_object_signing_alg_values_supported": ["RS256", "ES256"],
                "request_object_encryption_alg_values_supported": ["RSA-OAEP"],
                "request_object_encryption_enc_values_supported": ["A256CBC-HS512"],
                "token_endpoint_auth_methods_supported": ["private_key_jwt"],
                "token_endpoint_auth_signing_alg_values_supported": ["RS256", "ES256"],
                "claims_supported": [
                    "given_name",
                    "family_name",
                    "email",
                    "https://attributes.eid.gov.it/fiscal_number",
                ],
                "claims_parameter_supported": True,
                "request_parameter_supported": True,
                "authorization_response_iss_parameter_supported": True,
                "code_challenge_methods_supported": ["S256"],
                "op_name": name,
                "op_uri": sub,
            },
        },
        is_active=True,
    )


def seed_users():
    from spid_cie_oidc.accounts.models import User

    for line in os.environ["OIDC_USERS"].split(","):
        cf, given, family, email, password = line.split(";")
        user = User.objects.create_user(cf.lower(), email=email, password=password)
        user.attributes = {
            "https://attributes.eid.gov.it/fiscal_number": f"TINIT-{cf}",
            "given_name": given,
            "family_name": family,
            "email": email,
        }
        user.save()


def seed_spid(keys):
    from spid_cie_oidc.authority.models import (
        FederationDescendant,
        FederationEntityAssignedProfile,
        FederationEntityProfile,
    )
    from spid_cie_oidc.entity.models import FederationEntityConfiguration

    ta = FederationEntityConfiguration.objects.create(
        sub=TA,
        entity_type="federation_entity",
        jwks_fed=[keys["ta"]],
        jwks_core=[keys["ta"]],
        constraints={"max_path_length": 1},
        trust_mark_issuers={RP_TM: [TA], OP_TM: [TA]},
        metadata={
            "federation_entity": {
                "organization_name": "Trust Anchor di prova",
                "homepage_uri": TA,
                "policy_uri": TA,
                "logo_uri": f"{TA}/logo.svg",
                "contacts": ["ops@ta.example.it"],
                "federation_fetch_endpoint": f"{TA}/fetch",
                "federation_resolve_endpoint": f"{TA}/resolve",
                "federation_list_endpoint": f"{TA}/list",
                "federation_trust_mark_status_endpoint": f"{TA}/trust_mark_status",
            }
        },
        is_active=True,
    )
    provider_entity("spid", SPID_OP, keys)
    template = {"iss": "$.issuer_sub", "sub": "$.sub", "id": None}
    rp_profile = FederationEntityProfile.objects.create(
        name="RP pubblico",
        profile_category="openid_relying_party",
        profile_id=RP_TM,
        trust_mark_template={**template, "id": RP_TM},
    )
    op_profile = FederationEntityProfile.objects.create(
        name="OP pubblico",
        profile_category="openid_provider",
        profile_id=OP_TM,
        trust_mark_template={**template, "id": OP_TM},
    )
    for profile, sub in (("spid", SPID_OP), ("cie", CIE_OP)):
        op = FederationDescendant.objects.create(
            name=f"provider {profile}",
            sub=sub,
            type="openid_provider",
            jwks=[public(keys[f"{profile}_fed"])],
            is_active=True,
            status="valid",
        )
        FederationEntityAssignedProfile.objects.create(descendant=op, profile=op_profile, issuer=ta)
    with open(os.environ["OIDC_RP_JWKS"]) as f:
        rp_keys = json.load(f)["keys"]
    # A staff token lets the tests ask the Trust Anchor's resolve endpoint for a fresh chain.
    from spid_cie_oidc.accounts.models import User
    from spid_cie_oidc.entity.models import StaffToken

    staff = User.objects.create_user("staff-ta", password=None)
    token = StaffToken.objects.create(user=staff)
    with open(os.path.join(STATE, "staff-token"), "w") as f:
        f.write(token.token)
    for sub in os.environ["OIDC_RPS"].split(","):
        rp = FederationDescendant.objects.create(
            name=f"Cassetto {sub}",
            sub=sub,
            type="openid_relying_party",
            jwks=rp_keys,
            is_active=True,
            status="valid",
        )
        assigned = FederationEntityAssignedProfile.objects.create(
            descendant=rp, profile=rp_profile, issuer=ta
        )
        port = sub.rsplit(":", 1)[-1].strip("/")
        with open(os.path.join(STATE, f"trust-marks-{port}.json"), "w") as f:
            json.dump([{"id": RP_TM, "trust_mark": assigned.trust_mark["trust_mark"]}], f)


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "keys":
        if not os.path.exists(KEYS):
            django.setup()
            make_keys()
        sys.exit(0)
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(KEYS) as f:
        keys = json.load(f)
    if what == "spid":
        seed_spid(keys)
    else:
        provider_entity("cie", CIE_OP, keys)
    seed_users()
