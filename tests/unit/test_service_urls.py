"""Which serviceUrls the Teams adapter may call: Microsoft's hosts over https with credentials,
an operator's extra hosts, and only this machine in local anonymous mode."""

from __future__ import annotations

import pytest

from adapters.teams.service_urls import ServiceUrlPolicy, parse_extra_hosts

WITH_CREDENTIALS = ServiceUrlPolicy(anonymous=False)
ANONYMOUS = ServiceUrlPolicy(anonymous=True)


@pytest.mark.parametrize(
    "url",
    [
        "https://smba.trafficmanager.net/teams/",
        "https://smba.trafficmanager.net/emea/",
        "https://SMBA.trafficmanager.net:443/amer/",
        "https://smba.infra.gcc.teams.microsoft.com/teams",
        "https://smba.infra.gov.teams.microsoft.us/teams",
        "https://smba.infra.dod.teams.microsoft.us/teams",
    ],
)
def test_microsoft_teams_service_hosts_over_https_are_called_with_credentials(url):
    assert WITH_CREDENTIALS.allows(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://smba.trafficmanager.net/teams/",  # plain http
        "https://smba.trafficmanager.net:8443/teams/",  # another port
        "https://smba.trafficmanager.net.evil.example/",
        "https://smba.trafficmanager.net@127.0.0.1/",  # user info: really goes to 127.0.0.1
        "https://evil.example/smba.trafficmanager.net/",
        "https://smba.trafficmanager.net\\@evil.example/",
        "http://127.0.0.1:3978/internal-admin/",
        "http://localhost/",
        "ftp://smba.trafficmanager.net/",
        "https://smba.trafficmanager.net /teams/",
        "",
        None,
        ["https://smba.trafficmanager.net/teams/"],
    ],
)
def test_anything_else_is_refused_with_credentials(url):
    assert not WITH_CREDENTIALS.allows(url)


def test_an_operator_can_add_hosts_and_exact_origins():
    policy = ServiceUrlPolicy(False, parse_extra_hosts(" bots.example.org , http://127.0.0.1:3978"))
    assert policy.allows("https://bots.example.org/v3/")
    assert not policy.allows("http://bots.example.org/v3/")
    assert policy.allows("http://127.0.0.1:3978/_connector/")
    assert not policy.allows("http://127.0.0.1:3979/_connector/")


def test_an_unreadable_extra_host_setting_names_itself():
    with pytest.raises(ValueError, match="TEAMS_EXTRA_SERVICE_HOSTS"):
        parse_extra_hosts("ok.example, ftp://nope")


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:3978/", "http://127.8.9.1/", "http://localhost:56000/x/",
            "http://[::1]:3978/"],
)
def test_anonymous_mode_calls_only_this_machine(url):
    assert ANONYMOUS.allows(url)


@pytest.mark.parametrize(
    "url",
    ["https://smba.trafficmanager.net/teams/", "http://10.0.0.1/", "http://169.254.169.254/",
     "http://localhost.evil.example/", "http://0.0.0.0/", "http://user@127.0.0.1/"],
)
def test_anonymous_mode_refuses_every_other_host(url):
    assert not ANONYMOUS.allows(url)
