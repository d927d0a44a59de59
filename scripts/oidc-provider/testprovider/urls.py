"""The Trust Anchor's endpoints at `/`, the provider's under `/oidc/op/`."""
from django.urls import path
from spid_cie_oidc.authority.urls import urlpatterns as authority
from spid_cie_oidc.entity.urls import urlpatterns as entity
from spid_cie_oidc.entity.views import entity_configuration
from spid_cie_oidc.provider.urls import urlpatterns as provider

urlpatterns = [
    *entity,
    *authority,
    *provider,
    path(
        "oidc/op/.well-known/openid-federation",
        entity_configuration,
        name="op_entity_configuration",
    ),
]
