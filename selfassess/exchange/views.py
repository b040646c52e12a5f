"""Pages to send a sharing file (with its preview), withdraw one, and receive one.

All are for the organisation's admins: sending and withdrawing speak for the organisation,
and a received file joins this deployment's peer comparison. The preview shows the very
summary and payload the file will carry, before anything leaves.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from selfassess.core import limits
from selfassess.organisations.views import organisation_requiring
from selfassess.peers.selectors import context_of, own_peer_shares

from . import files, services
from .forms import ReceiveForm, SendForm
from .keys import public_key_text
from .models import SentShare, TrustedSender

MANAGE = "organisations.manage_organisation"


def _crumbs(organisation, text):
    return [
        {"text": "Home", "href": "/"},
        {"text": organisation.name, "href": f"/organisations/{organisation.pk}/"},
        {"text": text, "href": ""},
    ]


def _download(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def send(request, pk):
    organisation = organisation_requiring(request.user, pk, MANAGE)
    shares = own_peer_shares(organisation)
    share = shares[0] if shares else None
    form = SendForm(request.POST or None)
    if request.method == "POST" and share is not None and form.is_valid():
        content, body = services.share_file(
            share, days=form.cleaned_data["days"], actor=request.user
        )
        return _download(content, f"sharing-file-{body['share_id']}.json")
    preview = summary = None
    if share is not None:
        body = services.share_body(share)
        summary = body["summary"]
        preview = json.dumps(
            {"context": body["context"], "payload": body["payload"]}, indent=2, ensure_ascii=False
        )
    invalid = bool(form.errors) or (request.method == "POST" and share is None)
    return render(
        request,
        "exchange/send.jinja",
        {
            "page_title": f"Send a sharing file: {organisation.name}",
            "page_error": invalid,
            "organisation": organisation,
            "share": share,
            "summary": summary,
            "preview": preview,
            "context": context_of(organisation),
            "form": form,
            "public_key": public_key_text(),
            "sent": SentShare.objects.filter(organisation=organisation)[:50],
            "breadcrumbs": _crumbs(organisation, "Send a sharing file"),
        },
        status=400 if invalid else 200,
    )


@require_POST
@login_required
def withdraw(request, pk):
    organisation = organisation_requiring(request.user, pk, MANAGE)
    share_id = str(request.POST.get("share_id", ""))[:36]
    sent = SentShare.objects.filter(organisation=organisation, share_id=share_id).first()
    if sent is None:
        messages.error(request, "Choose a sharing file this organisation sent.")
        return redirect("exchange:send", organisation.pk)
    return _download(
        services.withdrawal_file(sent, actor=request.user), f"withdrawal-{share_id}.json"
    )


@login_required
def receive(request, pk):
    organisation = organisation_requiring(request.user, pk, MANAGE)
    form = ReceiveForm(request.POST or None, request.FILES or None)
    received = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(limits.SHARE_FILE_BYTES_MAX + 1)
        try:
            received = services.receive(data, actor=request.user, organisation=organisation)
        except files.FileRefused as refused:
            form.add_error("file", str(refused))
    return render(
        request,
        "exchange/receive.jinja",
        {
            "page_title": f"Receive a sharing file: {organisation.name}",
            "page_error": bool(form.errors),
            "organisation": organisation,
            "form": form,
            "received": received,
            "senders": TrustedSender.objects.all()[:200],
            "public_key": public_key_text(),
            "breadcrumbs": _crumbs(organisation, "Receive a sharing file"),
        },
        status=400 if form.errors else 200,
    )
