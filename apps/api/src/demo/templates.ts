import type { Category, ReturnReason } from "@caliper/domain";
import type { RuleId } from "./stores.ts";

/**
 * Demo conversation content. Placeholders in braces are filled per ticket: {name} customer
 * first name, {agent} agent first name, {agentLower}, {store}, {order}, {product}, {carrier},
 * {amount} ("$45.00"), {eur}, {gbp}, {days}, {domain}, {ticket}, and the store's policy
 * sentences {returnPolicy}, {returnShipping}, {refundPolicy}, {shippingPolicy},
 * {dispatchPolicy}, {deliveryPolicy}, {dutiesPolicy}. Compliant texts quote the stores' real
 * numbers (60-day returns, refunds in 5-10 working days, dispatch 1-3 and delivery 6-12
 * working days, USD, the contact form) and avoid the phrases the message rules look for.
 */

/** How a ticket relates to an order: none, just placed, cancelled, in transit, delivered, or being returned. */
export type OrderMode = "none" | "recent" | "cancelled" | "shipped" | "delivered" | "return";

export interface Scenario {
  subject: string;
  /** The customer's first message. */
  body: string;
  /** The core of the agent's first reply (greeting and closing are added). */
  reply: string;
  /** A customer follow-up specific to this scenario, with the agent's answer. */
  followUp?: string;
  reply2?: string;
  /** An internal note an agent may leave. */
  note?: string;
  /** Overrides the category's default order mode. */
  order?: OrderMode;
  /** Return reason, for return flows. */
  reason?: ReturnReason;
}

export const DEFAULT_ORDER_MODE: Record<Category, OrderMode> = {
  pre_sales: "none",
  order: "recent",
  payment: "none",
  shipping: "shipped",
  return_refund: "return",
  product_quality: "return",
  complaint: "none",
  suggestion: "none",
  other: "none",
};

export const GENERIC: Record<Category, Scenario[]> = {
  pre_sales: [
    {
      subject: "Question about the {product}",
      body: "Hi, I'm thinking about ordering the {product}. How long does it take to get to me, and is shipping free?",
      reply: "Thanks for your interest in the {product}! {shippingPolicy}",
    },
    {
      subject: "Back in stock?",
      body: "The {product} has been sold out for a while. Any idea when it will be back?",
      reply:
        "It's due back in stock in about two weeks. If you click 'Notify me' on the product page you'll get an alert the moment it's available.",
    },
    {
      subject: "Gift for my sister",
      body: "I'd like to send the {product} to my sister as a birthday present. Can you leave the price off the parcel?",
      reply:
        "What a lovely gift! Just add 'gift' in the order notes at checkout and we'll leave the packing slip without prices. {shippingPolicy}",
    },
  ],
  order: [
    {
      subject: "Change shipping address",
      body: "I just placed order {order} and realised I used my old address. Can you change it before it ships?",
      reply:
        "No problem — I've updated the shipping address on order {order}. It hasn't left the warehouse yet, so it will go to your new address. {dispatchPolicy}",
      note: "Address changed in the order system before picking; flagged {order} for the packing team.",
    },
    {
      subject: "Please cancel my order",
      body: "Please cancel order {order}, I picked the wrong colour by mistake.",
      reply:
        "Done — order {order} is cancelled and the payment authorisation has been released. Your bank may take a few days to remove it from your statement.",
      order: "cancelled",
    },
    {
      subject: "No order confirmation",
      body: "I paid about an hour ago but never got a confirmation. Did order {order} go through?",
      reply:
        "Yes, order {order} went through and is being prepared. {dispatchPolicy} You'll get tracking as soon as it leaves us.",
      followUp: "Great, thanks. Will I get a notification when it ships?",
      reply2: "Yes — you'll get a shipping confirmation with the {carrier} tracking link as soon as it leaves us.",
    },
    {
      subject: "Add an item to my order",
      body: "Can I add a second {product} to order {order}? It hasn't shipped yet.",
      reply:
        "Orders can't be edited once placed, but if you place a second order today I'll ask the warehouse to pack both together with {order}. {dispatchPolicy}",
      note: "Asked warehouse to hold {order} for consolidation with the customer's next order.",
    },
  ],
  payment: [
    {
      subject: "Charged twice",
      body: "I was charged twice for order {order}. Can you please look into it?",
      reply:
        "I'm sorry about the worry. I can see one completed payment of {amount} for {order}; the second line is a pending authorisation that your bank releases automatically. If it's still showing next week, reply here and I'll chase it with our payments team.",
      note: "Checked the payment dashboard: one capture, one voided authorisation on {order}.",
    },
    {
      subject: "Card declined at checkout",
      body: "My card keeps getting declined at checkout even though it works everywhere else.",
      reply:
        "Sorry for the hassle! Declines at checkout usually come from the card issuer's fraud check. Could you try again, or use PayPal? For security, never share your card details — I can check the attempt with your order number.",
    },
    {
      subject: "Different amount on my statement",
      body: "My bank statement shows a different amount than the checkout price for {order}. Why?",
      reply:
        "All our prices are charged in USD, so if your card is in another currency your bank converts it and may add a foreign transaction fee. The charge on our side was {amount}.",
    },
  ],
  shipping: [
    {
      subject: "Where is my order?",
      body: "Hi, I ordered {order} {days} days ago and the tracking hasn't updated since it left. Can you check where it is?",
      reply:
        "Thanks for your patience, {name}. Your parcel is with {carrier} and in transit; scans can pause while it moves between hubs. {deliveryPolicy} I'll keep an eye on it for you.",
      followUp: "It still says in transit. Should I be worried?",
      reply2:
        "I've opened a trace with {carrier}. If it doesn't move soon we'll reship it or refund you in full — your choice.",
      note: "Checked {carrier} portal: last scan at the sorting hub, no exception yet. Trace opened.",
    },
    {
      subject: "Tracking number not found",
      body: "The tracking number for order {order} says 'not found' on the {carrier} website.",
      reply:
        "Tracking numbers can take a day to activate after the label is created. Order {order} has been handed to {carrier}, so the tracking should show movement shortly.",
    },
    {
      subject: "When will {order} arrive?",
      body: "It's been {days} days since I ordered. When will {order} arrive? I need it for a trip.",
      reply: "Your order shipped with {carrier} and the latest scan shows it's on the way. {deliveryPolicy}",
      followUp: "Is there any way to speed it up?",
      reply2:
        "I'm afraid we can't change the service once it's with the carrier, but I've asked {carrier} to flag it and I'll update you here as soon as it's out for delivery.",
    },
  ],
  return_refund: [
    {
      subject: "Return request for {order}",
      body: "I'd like to return the {product} from order {order}. How do I do that?",
      // The return reason is drawn at random and the customer gives none, so the reply must not depend on it:
      // {returnPolicy} says who pays return shipping, which for some stores depends on a fault nobody mentioned.
      reply:
        "Of course! You can return it within 60 days of delivery, and I've started the return for {order}. {refundPolicy}",
      followUp: "I've sent it back today. How long until I see the refund?",
      reply2: "Thanks for letting us know! {refundPolicy}",
    },
    {
      subject: "Exchange for a different size",
      body: "Can I exchange the {product} from {order} for a different size?",
      reply:
        "We can't do direct exchanges, but you can return this one and place a new order for the size you need. {returnPolicy} {refundPolicy}",
      reason: "size",
    },
    {
      subject: "Not what I expected",
      body: "The {product} looks different in person and I don't love it. Can I send it back?",
      reply: "I'm sorry it didn't work out! {returnPolicy} {refundPolicy}",
      reason: "changed_mind",
    },
  ],
  product_quality: [
    {
      subject: "Arrived damaged",
      body: "My {product} arrived damaged — the box was crushed. Order {order}.",
      reply:
        "I'm so sorry it arrived like that! Because it was damaged in transit, return shipping is on us and you can choose a replacement or a full refund. {refundPolicy}",
      reason: "damaged",
      note: "Damage in transit on {order}; photos received. Claim to open with {carrier}.",
    },
    {
      subject: "Stopped working",
      body: "The {product} from order {order} already has a defect after two weeks. Not happy.",
      reply:
        "I'm sorry — that shouldn't happen. This is covered as a defect, so return shipping is on us and we'll replace it or refund you in full. {refundPolicy}",
      reason: "defect",
      note: "Logged a defect report for {product} with QA.",
    },
  ],
  complaint: [
    {
      subject: "Second late order",
      body: "This is the second time my order has been late. I'm really disappointed.",
      reply:
        "I completely understand your frustration, {name}, and I'm sorry we let you down twice. I've passed this to our logistics lead and flagged your account so we keep a close eye on your next order.",
      note: "Escalated to team lead: repeat late delivery for this customer.",
    },
    {
      subject: "Nobody answered",
      body: "I wrote to you days ago and nobody answered. Is anyone there?",
      reply:
        "I'm really sorry for the wait, {name} — that's not the experience we want you to have. I'm on it now and will stay with this until it's sorted.",
    },
    {
      subject: "Unhappy with the service",
      body: "Your courier left my parcel in the rain and the box was soaked. Honestly not impressed.",
      reply:
        "I'm so sorry, {name}. I've reported this to {carrier} and if anything inside was damaged we'll replace it straight away — just send a photo through this form.",
    },
  ],
  suggestion: [
    {
      subject: "Wishlist feature",
      body: "It would be great if I could save items to a wishlist on the website.",
      reply: "Thank you for the suggestion — I've passed it to our product team.",
    },
    {
      subject: "Apple Pay?",
      body: "Any chance you'll accept Apple Pay in the future?",
      reply:
        "Thanks for the suggestion — I've shared it with our product team, who are reviewing payment options this year.",
    },
    {
      subject: "Less packaging please",
      body: "Love your products but there was a lot of plastic in my parcel. Could you use less?",
      reply:
        "Thank you for telling us — we're moving to paper-based packaging and I've passed your comment to the team leading that change.",
    },
  ],
  other: [
    {
      subject: "Change my phone number",
      body: "How do I change the phone number on my account?",
      reply: "You can change it under Account › Profile: log in, click 'Edit' next to your details and save.",
    },
    {
      subject: "Unsubscribe",
      body: "Please stop sending me newsletters.",
      reply: "Done — I've unsubscribed you from our newsletter. You'll still receive updates about your orders.",
    },
    {
      subject: "Delete my account",
      body: "Please delete my account and my data.",
      reply:
        "I've submitted your account deletion request; you'll get a confirmation once it's complete, as described in our Privacy Policy.",
    },
  ],
};

/** Store-specific scenarios for the questions each store gets most. */
export const STORE_SCENARIOS: Record<string, Partial<Record<Category, Scenario[]>>> = {
  eyewear: {
    pre_sales: [
      {
        subject: "Can you make these with my prescription?",
        body: "Hi! Can you make the {product} with my prescription? I'm -4.25 in both eyes with astigmatism (CYL -1.00). Do you need anything else?",
        reply:
          "Yes, we can! At checkout choose 'Prescription' and enter SPH, CYL and AXIS for each eye — -4.25 with -1.00 cylinder is well within our range. You'll also need your pupillary distance (PD); if it isn't on your prescription, our PD tool measures it with your webcam.",
        followUp: "Thanks! My PD isn't on the prescription. Is the webcam tool accurate?",
        reply2:
          "It's accurate to about 1 mm, which is fine for single-vision lenses. If you prefer, your optician can measure it for you at your next visit.",
      },
      {
        subject: "Virtual try-on not working",
        body: "The virtual try-on just shows a black screen on my phone. I wanted to try the {product} before buying.",
        reply:
          "Sorry about that! The try-on needs camera access — on iPhone go to Settings › Safari › Camera, choose 'Allow' and reload the page. It also works on a computer with a webcam.",
        followUp: "That worked, thanks! Does the try-on show the real size of the frames?",
        reply2:
          "Yes — once it has detected your face it scales the frames to their real width, so you get a good idea of the fit.",
      },
      {
        subject: "Will these frames fit me?",
        body: "How do I know if the {product} will fit? My current frames say 52-18-140 on the arm.",
        reply:
          "Great that you have your measurements! 52-18-140 means a 52 mm lens, 18 mm bridge and 140 mm temples. The {product} are 51-19-145, so they'll fit very similarly, and the virtual try-on will show you the look.",
      },
      {
        subject: "Progressive lenses",
        body: "Do you offer progressive lenses, and how long do they take?",
        reply:
          "We do — choose 'Progressive' when you select your lenses. Our prescription lenses take 1-3 working days to prepare before dispatch, and delivery is then 6-12 working days. Shipping is free.",
      },
      {
        subject: "Blue-light lenses worth it?",
        body: "Are blue-light lenses worth it for screen work? I'm on a laptop eight hours a day.",
        reply:
          "Many customers who work at screens like them for comfort. The {product} filter part of the blue-violet light and have an anti-reflective coating, which helps most with glare.",
      },
    ],
    product_quality: [
      {
        subject: "Everything looks blurry",
        body: "My new glasses make everything blurry, I think the prescription is wrong. Order {order}.",
        reply:
          "I'm sorry! Could you upload a photo of your prescription through this form? If the lenses don't match it, we'll remake them free of charge, and return shipping is on us.",
        note: "Compared the prescription on file with the lab ticket for {order}: axis entered as 80 instead of 180. Remake requested.",
        reason: "defect",
        order: "delivered",
      },
      {
        subject: "Loose hinge",
        body: "One of the hinges on my {product} is already loose. Order {order}.",
        reply:
          "Sorry about that — a loose hinge is covered as a defect. You can return them within 60 days of delivery with a free label, and we'll send a new pair or refund you. {refundPolicy}",
        reason: "defect",
      },
    ],
    return_refund: [
      {
        subject: "Frames too wide",
        body: "The {product} slide down my nose, they're too wide for my face. Can I return them?",
        reply: "Of course. {returnPolicy} {refundPolicy} If you'd like, I can suggest narrower frames first.",
        reason: "size",
      },
    ],
  },
  marketplace: {
    order: [
      {
        subject: "Only part of my order arrived",
        body: "I ordered three items in order {order} but only the {product} arrived. Where are the others?",
        reply:
          "Your order contains items from two different sellers, so it ships in separate parcels. The remaining items are on their way with {carrier}, and each parcel has its own tracking link on your order page.",
        note: "Multi-seller order {order}: 2 of 3 items still with seller. Checked both shipments.",
      },
      {
        subject: "Seller hasn't shipped",
        body: "The seller still hasn't shipped my {product} (order {order}). It's been {days} days.",
        reply:
          "I'm sorry for the delay. I've contacted the seller and asked them to ship today. {dispatchPolicy} If it doesn't ship, we'll cancel it and refund you in full.",
        note: "Nudged seller about {order}; reminded them of the dispatch target.",
      },
      {
        subject: "Multi-item order — one item missing",
        body: "My parcel for {order} arrived but the {product} wasn't in it, even though the packing slip lists it.",
        reply:
          "Sorry about that! The {product} comes from a different seller and ships separately — it isn't missing. You'll find its own tracking on the order page.",
      },
    ],
    pre_sales: [
      {
        subject: "Who is the seller?",
        body: "Is the {product} sold by you or by a third-party seller? I want to know who handles returns.",
        reply:
          "That listing is from one of our partner sellers, but returns and refunds are always handled by us through this form. {returnPolicy}",
      },
      {
        subject: "Combine shipping from different sellers?",
        body: "Can items from different sellers be shipped together in one box?",
        reply:
          "Each seller ships from their own warehouse, so items from different sellers arrive separately — but shipping is free on every parcel, so it doesn't cost you more.",
      },
    ],
    return_refund: [
      {
        subject: "Wrong item received",
        body: "I received a completely different item than I ordered. Order {order}, I wanted the {product}.",
        reply:
          "I'm sorry for the mix-up! Since the seller sent the wrong item, return shipping is on us. {returnPolicy} {refundPolicy}",
        reason: "wrong_item",
        note: "Wrong item from seller on {order}; seller notified.",
      },
      {
        subject: "Return one item from a multi-item order",
        body: "Can I return just the {product} from order {order} and keep the rest?",
        reply: "Yes, you can return items individually. {returnPolicy} {refundPolicy}",
      },
    ],
  },
  "global-goods": {
    shipping: [
      {
        subject: "Parcel held at customs",
        body: "My parcel {order} is stuck in customs and {carrier} says I need to pay import duties. I thought duties were included?",
        reply:
          "You're right, they are — {dutiesPolicy} I've contacted {carrier} to clear it on our account, so please don't pay anything they ask for.",
        note: "Raised duty billing correction with the {carrier} broker for {order}: the duties-paid flag was missing.",
        followUp: "They sent me another message asking for the fee. What should I do?",
        reply2:
          "Please ignore it — I've confirmed with {carrier} that the charge is billed to us. It should be released from customs shortly.",
      },
      {
        subject: "Customs paperwork",
        body: "Customs want a commercial invoice for my parcel {order}. Can you send one?",
        reply:
          "Of course — the commercial invoice is now available to download from your order page, and I've also sent it to {carrier}. {dutiesPolicy}",
      },
      {
        subject: "Delivery time to Australia",
        body: "How long does shipping to Australia usually take? My order {order} left a few days ago.",
        reply: "{deliveryPolicy} {dutiesPolicy} Your parcel is with {carrier} and on schedule.",
      },
    ],
    pre_sales: [
      {
        subject: "Will I pay import taxes?",
        body: "If I order the {product} to Canada, will I have to pay import taxes or customs fees when it arrives?",
        reply: "No — {dutiesPolicy} {shippingPolicy}",
      },
      {
        subject: "Do you ship to Brazil?",
        body: "Do you ship to Brazil, and are customs duties extra?",
        reply: "We do! {shippingPolicy} {dutiesPolicy}",
      },
    ],
  },
  "clean-beauty": {
    pre_sales: [
      {
        subject: "Fragrance-free?",
        body: "Hi, I have very sensitive skin. Is the {product} fragrance-free and does it contain essential oils?",
        reply:
          "Great question! The {product} is fragrance-free and contains no essential oils. The full ingredient list is on the product page, and if your skin is reactive we suggest a patch test on your inner arm first.",
        followUp: "Thank you! Is it OK to use with a retinol at night?",
        reply2:
          "Yes — many customers use it in the morning and keep retinol for the evening. Start slowly and always wear sunscreen during the day.",
      },
      {
        subject: "Oily, acne-prone skin",
        body: "I have oily, acne-prone skin. Will the {product} clog my pores?",
        reply:
          "The {product} is non-comedogenic and was tested on oily and combination skin. Pair it with a light gel moisturiser rather than an oil in the morning.",
      },
      {
        subject: "Safe during pregnancy?",
        body: "Is the {product} safe to use during pregnancy?",
        reply:
          "It contains no retinoids or salicylic acid, but we always recommend checking with your doctor or midwife. The full ingredient list is on the product page so you can show them.",
      },
      {
        subject: "Vitamin C and niacinamide together?",
        body: "Can I use vitamin C and niacinamide together? I bought both.",
        reply:
          "Yes! Modern formulas work well together. Apply the vitamin C serum first, let it absorb for a minute, then the niacinamide toner — or use one in the morning and one at night.",
      },
      {
        subject: "Dry skin routine",
        body: "My skin is very dry and flaky in winter. Which of your products would you recommend?",
        reply:
          "For dry skin I'd start with the squalane gel cleanser, then the rosehip face oil at night and the ceramide body lotion for your body. All three are fragrance-free.",
      },
    ],
    product_quality: [
      {
        subject: "Rash after using",
        body: "I got a red rash after using the {product} for two days. What should I do?",
        reply:
          "I'm so sorry — please stop using it straight away and rinse with cool water. Return shipping is free, and we'll refund you in full once it's back. {refundPolicy} Could you tell me which other products you used that day?",
        reason: "other",
        note: "Possible reaction to {product}; logged as an adverse event for the formulation team.",
      },
      {
        subject: "Product separated",
        body: "My {product} has separated and smells odd. I only opened it last week. Order {order}.",
        reply:
          "That's definitely not right — thank you for telling us. It's covered as a defect, so return shipping is free and we'll send a replacement or refund you. {refundPolicy}",
        reason: "defect",
        note: "Batch check requested for {product} ({order}).",
      },
    ],
  },
  jewelry: {
    pre_sales: [
      {
        subject: "Which ring size?",
        body: "I'm between a 6 and a 7. Which size should I order for the {product}?",
        reply:
          "If you're between sizes we recommend the larger size for wider bands and the smaller for thin stacking rings. Our printable ring sizer on the Size Guide page is the most reliable way to check.",
        followUp: "Thanks! If it doesn't fit, can I return it?",
        reply2: "Yes — {returnPolicy}",
      },
      {
        subject: "Nickel-free?",
        body: "Is the {product} nickel-free? Cheap earrings make my ears itch.",
        reply:
          "Yes, it's nickel-free: our sterling silver is 925 silver and our vermeil is a thick layer of 18k gold over sterling silver, so it's suitable for sensitive ears.",
      },
      {
        subject: "Will it tarnish?",
        body: "Will the {product} tarnish if I wear it every day, even in the shower?",
        reply:
          "Gold vermeil and sterling silver are made for daily wear, but water, perfume and lotion speed up tarnish. Take it off to shower and store it in the pouch it comes in; a soft polishing cloth brings back the shine.",
      },
      {
        subject: "Chain length",
        body: "How long is the chain on the {product}? I want it to sit just above my collarbone.",
        reply:
          "The chain is 16 inches with a 2-inch extender, so it sits just above the collarbone on most people and can drop a little lower with the extender.",
      },
    ],
    product_quality: [
      {
        subject: "Clasp broke",
        body: "The clasp on my {product} broke the second time I wore it. Order {order}.",
        reply:
          "I'm so sorry! Since the clasp failed, this is a defect, so return shipping is on us — I'll send you a prepaid label here. {refundPolicy}",
        reason: "defect",
        note: "Clasp failure on {product}, {order}. Third one this month: flagged to the supplier.",
      },
      {
        subject: "Stone fell out",
        body: "One of the stones fell out of my {product} after a week.",
        reply:
          "That shouldn't happen — I'm sorry. It's covered as a defect, so we'll cover the return shipping and repair, replace or refund it, whichever you prefer. {refundPolicy}",
        reason: "defect",
      },
    ],
    return_refund: [
      {
        subject: "Ring doesn't fit",
        body: "The {product} is too small. Can I return it for a refund?",
        reply: "Of course. {returnPolicy} {refundPolicy}",
        reason: "size",
      },
    ],
  },
};

/**
 * Customer follow-ups (with the agent's answer) when a scenario has none of its own, by
 * order state; the order-specific ones are used in the order given.
 */
export const FOLLOW_UPS: Record<"general" | "recent" | "shipped" | "return", readonly (readonly [string, string])[]> = {
  general: [
    [
      "Thanks! Just to confirm — I don't need to do anything else?",
      "That's right, nothing else is needed on your side.",
    ],
    [
      "Any news on this?",
      "Thanks for checking in, {name}. I've chased this again and will update you as soon as I hear back.",
    ],
    [
      "OK, thank you. Is there anything I can do to avoid this next time?",
      "Good question! Keeping your account details up to date is the main thing — everything else is on our side.",
    ],
  ],
  recent: [
    [
      "Will I get a notification when it ships?",
      "Yes — you'll get a shipping confirmation with the tracking link as soon as it leaves us.",
    ],
    [
      "Any update on my order {order}?",
      "I've just checked: {order} is being packed and will be handed to {carrier} shortly. {dispatchPolicy}",
    ],
  ],
  shipped: [
    ["Any update on my order {order}?", "I've just checked: {order} is on its way with {carrier}. {deliveryPolicy}"],
    [
      "Can I change the delivery address now?",
      "Once a parcel is with {carrier} we can't redirect it, but you can choose a pickup point from the tracking page.",
    ],
  ],
  return: [
    [
      "I've packed it up. Where do I drop it off?",
      "You can drop it at any {carrier} location — just show the label on your phone.",
    ],
    ["I sent it back yesterday. How long until I see the refund?", "Thanks! {refundPolicy}"],
  ],
};

/** A customer chasing a first reply that has not come. */
export const CHASERS = [
  "Hello? Any update on this?",
  "Just following up on my message from yesterday.",
  "Is anyone reading these? Still waiting for an answer.",
  "Hi, any news? I haven't heard back.",
] as const;

/** A customer reopening a solved ticket, by order mode. */
export const REOPENS: Record<"general" | "refund" | "shipping" | "quality", readonly (readonly [string, string])[]> = {
  general: [
    [
      "Sorry to reopen this, but the problem is back.",
      "Thanks for letting me know, {name}, and sorry this isn't sorted yet. I've escalated it and will update you here.",
    ],
    [
      "Hi again, I'm afraid that didn't fix it.",
      "Sorry to hear that, {name}. Let's try another way — I've asked a senior colleague to look at it with me.",
    ],
  ],
  refund: [
    [
      "Hi again, I still haven't received my refund for {order}.",
      "I'm sorry for the wait, {name}. I've checked with our finance team and your refund of {amount} has now been issued to your original payment method.",
    ],
  ],
  shipping: [
    [
      "It still hasn't arrived. What now?",
      "I'm sorry, {name}. I've asked {carrier} for an urgent update and if it isn't delivered soon we'll reship it at no cost.",
    ],
  ],
  quality: [
    [
      "The replacement has the same problem.",
      "I'm really sorry, {name}. I've flagged this batch to our quality team and we'll refund you in full instead.",
    ],
  ],
};

export const NOTES = {
  general: [
    "Waiting on a reply from the warehouse.",
    "Customer sounds frustrated — keep updates frequent.",
    "Checked the order history: no previous issues.",
    "Repeat customer, third order this year.",
  ],
  handover: [
    "Handing over to {agent2}: they know this product line best.",
    "Reassigning to {agent2} while I'm out tomorrow.",
    "Escalating to {agent2} — customer asked for a senior agent.",
  ],
} as const;

export const AGENT_GREETINGS = [
  "Hi {name},",
  "Hello {name},",
  "Hi {name}, thanks for reaching out.",
  "Hi {name}, thanks for getting in touch!",
  "Hi {name}, thanks for your message.",
] as const;
export const AGENT_CLOSINGS = [
  "Let me know if there's anything else I can help with.",
  "Have a lovely day!",
  "Just reply here if you have any other questions.",
  "",
  "",
] as const;

export const BOT_ACKS = [
  "Thanks for contacting {store} support! We've received your message and a member of our team will get back to you within 24-48 hours. Your ticket number is {ticket}.",
  "Hi {name}, this is an automatic confirmation: your request {ticket} has been received. Our team replies within 24-48 hours.",
] as const;
export const BOT_CHAT = [
  "Hi! I'm the {store} assistant. All our agents are busy right now — one will join this conversation as soon as possible.",
] as const;

export const FEEDBACK_COMMENTS: Record<1 | 2 | 3 | 4 | 5, readonly string[]> = {
  5: [
    "{agent} was super helpful, thank you!",
    "Quick and friendly answer.",
    "Problem solved in no time.",
    "Great service, thanks!",
  ],
  4: ["Good help, took a little while though.", "Thanks, all sorted.", "Helpful answer."],
  3: ["OK in the end but it took too long.", "The answer was a bit generic."],
  2: ["Slow reply and I had to ask twice.", "Still not fully resolved."],
  1: ["Days without an answer.", "Unhelpful.", "Nobody actually read my message."],
};

export interface Violation {
  rule: RuleId;
  /** "replace": the sentence is the whole reply; "append": added after a compliant reply. */
  mode: "replace" | "append";
  categories: readonly Category[] | "all";
  texts: readonly string[];
  /** Only for stores where this holds. */
  when?: "freeReturns" | "customerPaysReturns" | "dutiesPaid";
}

export const VIOLATIONS: readonly Violation[] = [
  {
    rule: "promise.refund_timeline",
    mode: "replace",
    categories: ["return_refund", "product_quality", "complaint"],
    texts: [
      "Good news — I've pushed this through and your refund will be back on your card within 48 hours!",
      "I've escalated it and you will have your refund tomorrow.",
      "Refunds usually take about 30 business days to appear, so please be patient.",
    ],
  },
  {
    rule: "promise.delivery_timeline",
    mode: "replace",
    categories: ["shipping", "order", "pre_sales", "complaint"],
    texts: [
      "Don't worry, it will arrive in 2 days.",
      "I can guarantee delivery by tomorrow morning.",
      "It ships today and will be with you within 3 days.",
    ],
  },
  {
    rule: "promise.return_window",
    mode: "replace",
    categories: ["return_refund", "pre_sales", "product_quality"],
    texts: [
      "No rush at all — you have 90 days to send it back.",
      "Returns are accepted within 30 days only, so please send it back soon.",
    ],
  },
  {
    rule: "promise.return_shipping",
    mode: "append",
    categories: ["return_refund"],
    when: "freeReturns",
    texts: ["Please note you'll need to pay for return shipping yourself."],
  },
  {
    rule: "promise.return_shipping",
    mode: "append",
    categories: ["return_refund"],
    when: "customerPaysReturns",
    texts: ["No problem, we'll send you a prepaid return label so the return shipping is on us."],
  },
  {
    rule: "fees.hidden",
    mode: "replace",
    categories: ["shipping", "pre_sales", "order"],
    when: "dutiesPaid",
    texts: [
      "The customs duties are your responsibility and must be paid to the courier.",
      "There's an import fee to pay on delivery — that's set by your country's customs, not us.",
    ],
  },
  {
    rule: "fees.hidden",
    mode: "replace",
    categories: ["shipping", "pre_sales"],
    texts: ["There is a $7.95 shipping fee for your country."],
  },
  {
    rule: "channel.off_platform",
    mode: "append",
    categories: "all",
    texts: [
      "If it's easier, email me directly at {agentLower}@{domain}.",
      "Please email us at support@{domain} with your order number.",
      "Feel free to message me on WhatsApp at +1 555 0142 so we can sort it faster.",
      "You can also call our desk on +1 555 0177 and ask for {agent}.",
      "Send us a DM on Instagram and we'll sort it there.",
    ],
  },
  {
    rule: "currency.non_usd",
    mode: "replace",
    categories: ["return_refund", "payment", "complaint", "pre_sales"],
    texts: [
      "Your refund of €{eur} has been issued.",
      "I can offer you a refund of {gbp} GBP as a goodwill gesture.",
      "That comes to €{eur} including shipping.",
    ],
  },
  {
    rule: "tone.dismissive",
    mode: "replace",
    categories: ["complaint", "shipping", "product_quality", "order", "other"],
    texts: [
      "There is nothing we can do about that.",
      "That's not our problem, take it up with the courier.",
      "As I already told you, read the policy.",
      "Whatever, just place a new order.",
    ],
  },
  {
    rule: "privacy.sensitive_data",
    mode: "replace",
    categories: ["payment", "order", "other"],
    texts: [
      "Please send me your full card number and the CVV so I can verify the payment.",
      "Could you share your account password so I can log in and fix it?",
    ],
  },
];

/** Fills {placeholders} from `extra`, then `vars`; unknown ones are left as they are. */
export const fill = (
  template: string,
  vars: Readonly<Record<string, string>>,
  extra: Readonly<Record<string, string>> = {},
): string =>
  template.indexOf("{") === -1
    ? template
    : template.replace(/\{(\w+)\}/g, (m, key: string) => extra[key] ?? vars[key] ?? m);

export const FIRST_NAMES = [
  "Olivia",
  "Liam",
  "Emma",
  "Noah",
  "Amelia",
  "Oliver",
  "Sophia",
  "Elijah",
  "Mia",
  "James",
  "Isabella",
  "Lucas",
  "Charlotte",
  "Mateo",
  "Ava",
  "Ethan",
  "Harper",
  "Aiden",
  "Lucía",
  "Kenji",
  "Aisha",
  "Mohammed",
  "Fatima",
  "Wei",
  "Mei",
  "Arjun",
  "Ananya",
  "Sipho",
  "Thandi",
  "Ingrid",
  "Lars",
  "Chiara",
  "Giulia",
  "Pierre",
  "Camille",
  "Hannah",
  "Jonas",
  "Zofia",
  "Mateus",
  "Gabriela",
  "Diego",
  "Valentina",
  "Yuki",
  "Hiroshi",
  "Chloe",
  "Daniel",
  "Grace",
  "Samuel",
  "Leah",
  "Omar",
  "Nour",
  "Tomás",
  "Sofía",
  "Ravi",
  "Priyanka",
  "Kwame",
  "Ama",
  "Erin",
  "Connor",
  "Freya",
] as const;
