"""The benchmark floor: the smallest useful write through the whole stack.

It exists so that each benchmark can report a ratio to something measured in the same run on
the same machine. It takes no input, reads no session and shows nothing about anyone, which is
why it needs neither CSRF nor a signed-in user; it is switched off (404) unless the harness
turns it on (see ``floor.py``).
"""

from django.http import Http404, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .floor import floor_enabled
from .models import FloorRow


@csrf_exempt
@require_POST
def floor(request):
    if not floor_enabled():
        raise Http404
    row = FloorRow.objects.create()
    return HttpResponse(str(row.pk), status=201, content_type="text/plain")
