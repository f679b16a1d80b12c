{{%AUTOESCAPE context="HTML"}}{{!-- The case page's part on work orders: how far the work is. --}}
<h2 class="utrecht-heading-2" id="werkopdrachten">{{t_wo_resident_heading}}</h2>
<ul class="utrecht-unordered-list">
{{#ORDER}}<li class="utrecht-unordered-list__item">{{STATE}}{{#DONE}} ({{t_wo_done_on}} {{DATE}}){{/DONE}}, {{t_wo_due}} {{DUE}}</li>
{{/ORDER}}</ul>
