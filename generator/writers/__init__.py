"""Writers: everything the build writes, each from the merged model alone.

- ``exports``: transcript.json, .vtt, .srt and chapters.json beside each episode;
- ``pages``: the HTML pages (with ``passages``, ``values``, ``linked_data`` and
  the ``theme``'s templates and static files);
- ``search``: the Lunr index and the passage store.

Where two writers must agree (URL shapes, export file names), ``urls`` and
``exports.EXPORTS`` decide it once; no writer reads another's output from disk.
"""
