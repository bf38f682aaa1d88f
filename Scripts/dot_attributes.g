// Prints every attribute Graphviz resolves for the graph (charset aside: it says how the
// bytes were read), each node and each edge of a DOT file, one per line, for comparing two
// files as Graphviz reads them:  gvpr -f Scripts/dot_attributes.g FILE.dot | sort
BEGIN { string a; }
BEG_G {
  for (a = fstAttr($G, "G"); a != ""; a = nxtAttr($G, "G", a)) if (aget($G, a) != "" && a != "charset") printf("G %s=%s\n", a, aget($G, a));
}
N {
  for (a = fstAttr($G, "N"); a != ""; a = nxtAttr($G, "N", a)) if (aget($, a) != "") printf("N %s %s=%s\n", $.name, a, aget($, a));
}
E {
  for (a = fstAttr($G, "E"); a != ""; a = nxtAttr($G, "E", a)) if (aget($, a) != "") printf("E %s %s %s=%s\n", $.tail.name, $.head.name, a, aget($, a));
}
END_G { exit(0); }
