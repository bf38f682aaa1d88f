graph [
  directed 1
  node [
    id 0
    label "kommun"
  ]
  node [
    id 1
    label "polis"
  ]
  node [
    id 2
    label "forening"
  ]
  node [
    id 3
    label "bostad"
  ]
  edge [
    source 0
    target 1
    weight 4
  ]
  edge [
    source 0
    target 2
    weight 5
  ]
  edge [
    source 1
    target 0
    weight 3
  ]
  edge [
    source 2
    target 3
    weight 1
  ]
  edge [
    source 3
    target 1
    weight 2
  ]
]
