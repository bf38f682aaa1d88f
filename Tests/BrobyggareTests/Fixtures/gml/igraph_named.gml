Creator "igraph version 1.0.0"
Version 1
graph
[
  directed 0
  node
  [
    id 0
    name "ann"
    label "Ann Öst"
    group 1
  ]
  node
  [
    id 1
    name "bo"
    label "Bo &amp; Co"
    group 2
  ]
  node
  [
    id 2
    name "cy"
    label "Cy"
    group 2
  ]
  edge
  [
    source 1
    target 0
    weight 0.5
    kind "kin"
  ]
  edge
  [
    source 2
    target 1
    weight 1
    kind "work"
  ]
  edge
  [
    source 2
    target 0
    weight 3
    kind "club"
  ]
]
