{{%AUTOESCAPE context="HTML"}}{{!-- The public algorithm register of one organisation: every rule set in force and its counts. --}}
<h1 class="utrecht-heading-1 auto-register__title">{{TITLE}}</h1>
<p class="utrecht-paragraph">{{t_auto_register_intro}}</p>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/api/v1/algorithm-register/{{ORG}}">JSON</a></p>
{{#NONE}}<p class="utrecht-paragraph">{{t_auto_register_none}}</p>
{{/NONE}}{{#ENTRY}}<section class="auto-register__entry">
<h2 class="utrecht-heading-2">{{PRODUCT}}</h2>
<dl class="utrecht-data-list">
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_auto_register_decides}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{DECIDES}}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_auto_register_data}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{DATA}}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_auto_register_since}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{SINCE}} ({{t_auto_register_version}} {{VERSION}})</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_auto_register_refusal}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{REFUSAL}}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_auto_register_decisions}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{DECISIONS}} ({{t_auto_register_granted}}: {{GRANTED}}, {{t_auto_register_refused}}: {{REFUSED}})</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_auto_register_routed}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{ROUTED}}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_auto_register_reviewed}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{REVIEWED}}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_auto_register_overturned}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{OVERTURNED}}</dd></div>
</dl>
<h3 class="utrecht-heading-3">{{t_auto_register_rules}}</h3>
<ul class="utrecht-unordered-list">
{{#RULE}}<li class="utrecht-unordered-list__item"><strong>{{OUTCOME}}</strong>: {{REASON}}</li>
{{/RULE}}</ul>
</section>
{{/ENTRY}}
